namespace HumanEval.Data.Workflow;

/// <summary>How free text from a form is stored: trimmed, and blank as null.</summary>
internal static class InputText
{
    public static string? Trim(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
