using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Server.ProtectedBrowserStorage;

namespace HumanEval.Web.Components.Layout;

/// <summary>The light/dark choice shared by both layouts, kept in the browser's (protected) local storage.</summary>
public abstract class ThemedLayout : LayoutComponentBase
{
    private const string DarkModeKey = "humaneval.darkMode";

    [Inject]
    private ProtectedLocalStorage LocalStorage { get; set; } = default!;

    protected bool DarkMode { get; private set; }

    /// <summary>The error boundary around the page; a navigation (new body) clears an error shown on the previous page.</summary>
    protected Microsoft.AspNetCore.Components.Web.ErrorBoundary? Boundary { get; set; }

    protected override void OnParametersSet() => Boundary?.Recover();

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender || !RendererInfo.IsInteractive)
        {
            return;
        }

        try
        {
            var stored = await LocalStorage.GetAsync<bool>(DarkModeKey);
            if (stored.Success && stored.Value != DarkMode)
            {
                DarkMode = stored.Value;
                StateHasChanged();
            }
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            // A preference written under another key ring: ignore it, the next toggle rewrites it.
        }
    }

    protected async Task ToggleDarkModeAsync()
    {
        DarkMode = !DarkMode;
        await LocalStorage.SetAsync(DarkModeKey, DarkMode);
    }
}
