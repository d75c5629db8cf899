// The browser's preferred language (e.g. "en-GB", "de-DE"), so dates are shown and typed the way the user reads them.
export function language() {
    return (navigator.languages && navigator.languages[0]) || navigator.language || "en-US";
}
