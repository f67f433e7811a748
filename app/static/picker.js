// A search-as-you-type combobox over every actor, place, kind and tag (ARIA 1.2 pattern):
// names and aliases in both languages match, ignoring case, accents, hyphens and spaces.
import { t } from "./i18n.js";
import { h, nameKey } from "./util.js";

const SHOWN = 12;

export function createPicker(input, listbox, { options, onPick }) {
  let matches = [];
  let active = -1;

  function rank(query) {
    const key = nameKey(query);
    if (!key) return [];
    const found = [];
    for (const option of options()) {
      const keys = option.keys.map(nameKey);
      const at = keys.some((k) => k.startsWith(key)) ? 0 : keys.some((k) => k.includes(key)) ? 1 : -1;
      if (at >= 0) found.push([at, option]);
    }
    found.sort((a, b) => a[0] - b[0] || b[1].count - a[1].count || a[1].label.localeCompare(b[1].label));
    return found.slice(0, SHOWN).map(([, option]) => option);
  }

  function close() {
    listbox.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function highlight(index) {
    active = index;
    for (const [i, el] of [...listbox.children].entries()) el.setAttribute("aria-selected", String(i === index));
    const el = listbox.children[index];
    if (el && el.id) {
      input.setAttribute("aria-activedescendant", el.id);
      el.scrollIntoView({ block: "nearest" });
    }
  }

  function choose(option) {
    input.value = "";
    close();
    onPick(option);
  }

  function render() {
    matches = rank(input.value);
    if (!input.value.trim()) return close();
    listbox.replaceChildren(
      ...(matches.length
        ? matches.map((option, i) =>
            h(
              "li",
              {
                id: `pick-${i}`,
                role: "option",
                class: "option",
                "aria-selected": "false",
                "data-type": option.type,
                "data-value": option.value,
                onpointerdown: (e) => e.preventDefault(), // keep focus in the input
                onclick: () => choose(option),
              },
              h("span", { class: "option-label", text: option.label }),
              h("span", { class: "option-type", text: t(`type_${option.type}`) }),
              h("span", { class: "option-count", text: option.count }),
            ),
          )
        : [h("li", { class: "option-none", role: "presentation", text: t("pickNone", { q: input.value }) })]),
    );
    listbox.hidden = false;
    input.setAttribute("aria-expanded", "true");
    highlight(matches.length ? 0 : -1);
  }

  input.addEventListener("input", render);
  input.addEventListener("focus", () => input.value && render());
  input.addEventListener("blur", close);
  input.addEventListener("keydown", (e) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (listbox.hidden) render();
      else if (matches.length) highlight((active + (e.key === "ArrowDown" ? 1 : -1) + matches.length) % matches.length);
    } else if (e.key === "Enter" && !listbox.hidden && matches[active]) choose(matches[active]);
    else if (e.key === "Escape" && !listbox.hidden) close();
    else return;
    e.preventDefault();
  });
  return { refresh: () => !listbox.hidden && render() };
}
