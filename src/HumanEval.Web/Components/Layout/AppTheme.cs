using MudBlazor;

namespace HumanEval.Web.Components.Layout;

internal static class AppTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            // Status colours darkened from MudBlazor's defaults so text in them (outlined and text chips, alerts,
            // links) keeps a WCAG AA contrast of 4.5:1 on white and on their own light tints (axe-core checks it).
            Primary = "#3949ab",
            Secondary = "#00695c",
            Success = "#1e7b34",
            Warning = "#9a5b00",
            Error = "#b71c1c",
            Info = "#0a5fa8",
            AppbarBackground = "#283593",
            Background = "#f6f7fb",
            TextSecondary = "rgba(0,0,0,0.66)",
        },
        // Dark: light status colours (AA on the dark surfaces and their tints) with dark text on filled buttons and chips.
        PaletteDark = new PaletteDark
        {
            Primary = "#b0b8e8",
            PrimaryContrastText = "#1e1e2d",
            Secondary = "#80cbc4",
            SecondaryContrastText = "#1e1e2d",
            Success = "#5cd6a4",
            SuccessContrastText = "#1e1e2d",
            Warning = "#ffb74d",
            WarningContrastText = "#1e1e2d",
            Error = "#ffa39b",
            ErrorContrastText = "#1e1e2d",
            Info = "#82c4f8",
            InfoContrastText = "#1e1e2d",
            TextSecondary = "rgba(255,255,255,0.72)",
            AppbarBackground = "#1a1f3a",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"],
            },
        },
    };
}
