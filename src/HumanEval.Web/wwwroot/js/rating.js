// Keyboard flow of the rating screen: a digit scores the focused criterion and moves to the next one;
// Ctrl+Enter (Cmd+Enter) submits. Tab / Shift+Tab move between criteria as usual for radio groups.
// Active time: while the tab is visible and the evaluator interacted within the campaign's idle cutoff (the server
// passes it: SessionPolicy.IdleCutoff, 5 minutes by default), the page tells the server every 30 seconds; a hidden tab
// or an idle evaluator sends nothing, so that time does not count.
let lastInteraction = Date.now();
let heartbeat = null;
for (const type of ["keydown", "pointerdown", "wheel", "scroll", "input"]) {
    window.addEventListener(type, () => { lastInteraction = Date.now(); }, { passive: true, capture: true });
}

// Pairwise screen: while "Scroll both together" is on (data-sync on the .pair-grid), scrolling one response scrolls
// the other to the same proportion of its length. Delegated from the document, so it needs no per-page wiring.
let syncing = false;
document.addEventListener("scroll", event => {
    const panel = event.target;
    if (syncing || !(panel instanceof Element) || !panel.classList.contains("pair-response")) {
        return;
    }
    const grid = panel.closest(".pair-grid");
    if (!grid || grid.dataset.sync !== "true") {
        return;
    }
    const range = panel.scrollHeight - panel.clientHeight;
    const share = range > 0 ? panel.scrollTop / range : 0;
    syncing = true;
    for (const other of grid.querySelectorAll(".pair-response")) {
        if (other !== panel) {
            other.scrollTop = share * (other.scrollHeight - other.clientHeight);
        }
    }
    requestAnimationFrame(() => { syncing = false; });
}, { capture: true, passive: true });

export function startHeartbeat(dotnet, idleCutoffMs) {
    stopHeartbeat();
    heartbeat = setInterval(() => {
        if (document.visibilityState === "visible" && Date.now() - lastInteraction < idleCutoffMs) {
            dotnet.invokeMethodAsync("Heartbeat").catch(() => { });
        }
    }, 30 * 1000);
}

export function stopHeartbeat() {
    if (heartbeat) {
        clearInterval(heartbeat);
        heartbeat = null;
    }
}

export function attach(root) {
    if (!root || root.dataset.keysAttached) {
        return;
    }
    root.dataset.keysAttached = "true";
    root.addEventListener("keydown", event => {
        if ((event.ctrlKey || event.metaKey) && event.key === "Enter") {
            event.preventDefault();
            root.querySelector("[data-action=submit]")?.click();
            return;
        }
        const target = event.target;
        if (target.tagName === "TEXTAREA" || (target.tagName === "INPUT" && target.type !== "radio")) {
            return;
        }
        if (!/^[0-9]$/.test(event.key)) {
            return;
        }
        const fieldset = target.closest("fieldset[data-criterion]");
        const radio = fieldset?.querySelector(`input[type=radio][value="${event.key}"]`);
        if (!radio) {
            return;
        }
        event.preventDefault();
        radio.click();
        const all = [...root.querySelectorAll("fieldset[data-criterion]")];
        const next = all[all.indexOf(fieldset) + 1];
        if (next) {
            (next.querySelector("input[type=radio]:checked") ?? next.querySelector("input[type=radio]")).focus();
        } else {
            root.querySelector("[data-action=submit]")?.focus();
        }
    });
}

// A new example is on screen (after Submit, Skip or the first claim): show it from the top, its own scrolling panels
// too, and put the keyboard on the first criterion so digits score at once.
export function showNew(root) {
    window.scrollTo({ top: 0, left: 0, behavior: "instant" });
    for (const panel of document.querySelectorAll(".example-text, .rate-grid > div")) {
        panel.scrollTop = 0;
    }
    const first = root?.querySelector("fieldset[data-criterion]");
    const radio = first && (first.querySelector("input[type=radio]:checked") ?? first.querySelector("input[type=radio]"));
    radio?.focus({ preventScroll: true });
}
