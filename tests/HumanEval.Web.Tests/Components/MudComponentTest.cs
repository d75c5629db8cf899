using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace HumanEval.Web.Tests.Components;

/// <summary>A bUnit context with MudBlazor's services; disposed asynchronously, as MudBlazor's services require.</summary>
public abstract class MudComponentTest : BunitContext, IAsyncLifetime
{
    protected MudComponentTest()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}
