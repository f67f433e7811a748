// The timeline page: reads the API of the same origin, keeps every view in the URL.
import { applyLabels, chooseLang, lang, t, term } from "./i18n.js";
import { createPicker } from "./picker.js";
import { createStrip } from "./strip.js";
import { $, DAY, getAll, getJson, h, isoDay, kindColor, nameKey, paint, precisionLabel, toTime } from "./util.js";

const MAX_EVENTS = 2000;
const CHIPS = { actor: 8, place: 6, kind: 10, tag: 8 };
const LISTS = ["actor", "place", "kind", "tag"];
const TEXTS = ["from", "to", "q", "event", "span", "view", "article"];

const state = { actor: [], place: [], kind: [], tag: [], from: "", to: "", q: "", event: "", span: "", view: "", article: "" };
// Every actor, place, kind and tag, for the picker and for names: {type: Map(id -> item)}.
const known = { actor: new Map(), place: new Map(), kind: new Map(), tag: new Map() };
const byKey = { actor: new Map(), place: new Map() };
const noCounts = () => ({ actor: new Map(), place: new Map(), kind: new Map(), tag: new Map() });
let counts = noCounts();
let shown = [];
let loading = null;
let loadedQuery = null;
let strip;
let picker;

const desktop = () => window.matchMedia("(min-width: 960px)").matches;

function readState() {
  const params = new URLSearchParams(location.search);
  for (const name of LISTS) state[name] = params.getAll(name);
  for (const name of TEXTS) state[name] = params.get(name) || "";
  readInputs();
}

/** The API's filters of the current view; `without` leaves one out (for its own counts). */
function filterParams(without = "") {
  const params = new URLSearchParams();
  for (const name of LISTS) if (name !== without) for (const v of state[name]) params.append(name, v);
  for (const name of ["from", "to", "q"]) if (state[name]) params.set(name, state[name]);
  return params;
}

function writeUrl(push) {
  const params = state.view ? new URLSearchParams() : filterParams();
  for (const name of ["event", "span", "view", "article"]) if (state[name]) params.set(name, state[name]);
  params.set("lang", lang);
  const url = `${location.pathname}?${params}`;
  if (url === location.pathname + location.search) return;
  if (push) {
    history.replaceState({ scroll: window.scrollY }, "");
    history.pushState(null, "", url);
  } else history.replaceState(history.state, "", url);
}

/** The actor or place a URL value names (an id, name or alias), else the value. */
function idOf(type, value) {
  const item = byKey[type] && byKey[type].get(nameKey(value));
  return item ? item.id : value;
}

function nameOf(type, id) {
  const item = known[type].get(idOf(type, id));
  return item ? item.name : type === "kind" || type === "tag" ? term(id) : id;
}

async function loadKnown() {
  const [actors, places, vocabulary] = await Promise.all([
    getAll("/actors?limit=500", undefined, 10000),
    getAll("/places?limit=500", undefined, 10000),
    fetch("/static/vocabulary.json").then((r) => r.json()), // the page's own file: no lang
  ]);
  for (const [type, items] of [["actor", actors.items], ["place", places.items]]) {
    known[type].clear();
    byKey[type].clear();
    for (const item of items) {
      known[type].set(item.id, item);
      for (const name of [item.id, item.name, ...(item.aliases || [])]) byKey[type].set(nameKey(name), item);
    }
  }
  for (const type of ["kind", "tag"]) {
    for (const id of vocabulary[type]) known[type].set(id, { id, name: term(id), aliases: [id.replace(/-/g, " ")] });
  }
}

function pickerOptions() {
  const options = [];
  for (const type of LISTS) {
    for (const item of known[type].values()) {
      if (state[type].some((v) => idOf(type, v) === item.id)) continue;
      options.push({
        type,
        value: item.id,
        label: item.name,
        keys: [item.id, item.name, ...(item.aliases || [])],
        count: counts[type].get(item.id) || 0,
      });
    }
  }
  return options;
}

/** The download links: every event of this view (not only those shown), in the page's language. */
function renderDownloads(query) {
  for (const a of document.querySelectorAll("a[data-export]")) a.href = `${a.dataset.export}&${query ? `${query}&` : ""}lang=${lang}`;
}

async function load() {
  if (loading) loading.abort();
  loading = new AbortController();
  const signal = loading.signal;
  const query = filterParams().toString();
  renderDownloads(query);
  $("status").textContent = t("loading");
  $("filters").setAttribute("aria-busy", "true");
  try {
    const [events, actorFacet, kindFacet, placeFacet] = await Promise.all([
      getAll(`/events?limit=500&${query}`, signal, MAX_EVENTS),
      getJson(`/facets?facet=actor&${query}`, signal),
      getJson(`/facets?facet=kind&${filterParams("kind")}`, signal),
      getJson(`/facets?facet=place&${filterParams("place")}`, signal),
    ]);
    showError(null);
    shown = events.items;
    loadedQuery = query;
    const tags = new Map();
    for (const e of shown) for (const tag of e.tags) tags.set(tag, (tags.get(tag) || 0) + 1);
    counts = {
      actor: new Map(actorFacet.actor.map((f) => [f.value, f.count])),
      kind: new Map(kindFacet.kind.map((f) => [f.value, f.count])),
      place: new Map(placeFacet.place.map((f) => [f.value, f.count])),
      tag: tags,
    };
    renderChips();
    strip.show(shown, spanOf(state.span), state.event);
    renderList(shown);
    const sources = new Set(shown.flatMap((e) => e.sources.map((s) => s.article.id))).size;
    const n = `${shown.length}${events.more ? "+" : ""}`;
    $("status").textContent = t(shown.length === 1 ? "countOne" : "count", { n, m: sources });
    await renderDetail();
    restoreScroll();
  } catch (error) {
    if (error.name === "AbortError") return;
    loadedQuery = null;
    counts = noCounts();
    showError(error);
    renderChips();
    $("status").textContent = t("noEvents");
  } finally {
    $("filters").removeAttribute("aria-busy");
  }
}

function spanOf(text) {
  const [a, b] = (text || "").split("..").map(toTime);
  return a < b ? [a, b] : null;
}

/** The value an error is about: the one the API names, else the one we cannot resolve. */
function culprit(error) {
  const values = state[error.param];
  if (!Array.isArray(values)) return values;
  if (error.value !== undefined) return error.value;
  return values.find((v) => byKey[error.param] && !byKey[error.param].get(nameKey(v))) ?? values.at(-1);
}

function repair(param, bad, good) {
  if (Array.isArray(state[param])) state[param] = state[param].map((v) => (v === bad ? good : v));
  else state[param] = good;
  readInputs();
  changed(true);
}

function showError(error) {
  const box = $("error");
  for (const id of ["q", "from", "to"]) $(id).removeAttribute("aria-invalid");
  if (!error) {
    box.hidden = true;
    return;
  }
  const offers = [];
  for (const e of error.errors || []) {
    if (["q", "from", "to"].includes(e.param)) $(e.param).setAttribute("aria-invalid", "true");
    if (!(e.param in state)) continue;
    const bad = culprit(e);
    for (const s of (e.suggestions || []).slice(0, 3)) {
      const name = LISTS.includes(e.param) ? nameOf(e.param, s) : s;
      offers.push(
        h("button", { type: "button", class: "button button-quiet suggestion", onclick: () => repair(e.param, bad, s) }, t("didYouMean", { name })),
      );
    }
  }
  // The lead in the page's language, then the API's own words on what was wrong.
  const params = (error.errors || []).map((e) => (LISTS.includes(e.param) ? t(`type_${e.param}`) : t(e.param)));
  const lead = params.length ? t("refused", { params: params.join(", ") }) : t("failed");
  box.replaceChildren(
    h("strong", { text: lead }),
    h("span", { class: "detail-text", text: error.message }),
    offers.length ? h("span", { class: "suggestions" }, offers) : null,
  );
  box.hidden = false;
}

function chip({ label, count, pressed, color, onclick, title }) {
  return h(
    "button",
    { type: "button", class: "chip", "aria-pressed": String(pressed), onclick, title, "aria-label": title },
    color ? h("span", { class: "dot", "data-color": color }) : null,
    h("span", { class: "chip-label", text: label }),
    count !== undefined ? h("span", { class: "chip-count", text: count }) : null,
  );
}

/** Chosen values first, then the most frequent under the filters; never an empty row. */
function renderChips() {
  for (const type of LISTS) {
    const chosen = state[type];
    const chosenIds = chosen.map((v) => idOf(type, v));
    // Without counts under the filters (the API refused them), overall counts where known.
    const pairs = counts[type].size ? counts[type] : [...known[type].values()].map((item) => [item.id, item.event_count ?? null]);
    const top = [...pairs]
      .filter(([id, n]) => n !== 0 && !chosenIds.includes(id))
      .sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0))
      .slice(0, CHIPS[type]);
    const chips = [
      ...chosen.map((id) =>
        chip({
          label: nameOf(type, id),
          count: counts[type].get(idOf(type, id)),
          pressed: true,
          title: t("remove", { name: nameOf(type, id) }),
          color: type === "kind" ? kindColor(id) : null,
          onclick: () => {
            state[type] = state[type].filter((v) => v !== id);
            changed(true);
          },
        }),
      ),
      ...top.map(([id, n]) =>
        chip({
          label: nameOf(type, id),
          count: n ?? undefined,
          pressed: false,
          title: t("only", { name: nameOf(type, id) }),
          color: type === "kind" ? kindColor(id) : null,
          onclick: () => {
            state[type].push(id);
            changed(true);
          },
        }),
      ),
    ];
    $(`${type}-chips`).replaceChildren(...(chips.length ? chips : [h("span", { class: "empty-row", text: t("noneHere") })]));
    paint($(`${type}-chips`));
  }
  picker.refresh();
}

function eventCard(e) {
  const actors = e.actors.map((a) => a.name).join(", ");
  const precision = precisionLabel(e.date);
  const n = e.sources.length;
  return h(
    "li",
    { class: "event-item" },
    h(
      "button",
      {
        type: "button",
        class: "event",
        "data-id": e.id,
        "data-color": kindColor(e.kind),
        "aria-pressed": String(e.id === state.event),
        onclick: () => select(e.id),
      },
      h(
        "span",
        { class: "event-date" },
        h("time", { datetime: e.date.start, text: e.date.display }),
        h("span", { class: `precision precision-${precision}`, text: term(precision) }),
      ),
      h(
        "span",
        { class: "event-main" },
        h("span", { class: "event-title", text: e.title }),
        h(
          "span",
          { class: "event-meta" },
          h("span", { class: "kind" }, h("span", { class: "dot", "data-color": kindColor(e.kind) }), term(e.kind)),
          e.place ? h("span", { text: e.place.name }) : null,
          actors ? h("span", { class: "event-actors", text: actors }) : null,
          h("span", { class: "event-sources", text: n === 1 ? t("sourceOne") : t("sourceCount", { n }) }),
        ),
      ),
    ),
  );
}

function renderList(events) {
  const list = $("events");
  if (!events.length) {
    list.replaceChildren(h("li", { class: "empty", text: t("noMatch") }));
    return;
  }
  const items = [];
  let year = null;
  for (const e of events) {
    const y = e.date.start.slice(0, 4);
    if (y !== year) {
      year = y;
      items.push(h("li", { class: "year", "aria-hidden": "true", text: y }));
    }
    items.push(eventCard(e));
  }
  list.replaceChildren(...items);
  paint(list);
}

function highlighted(passage, source) {
  const from = source.start - passage.start;
  const to = source.end - passage.start;
  const text = passage.text;
  if (from < 0 || to > text.length || text.slice(from, to) !== source.quote) {
    return h("p", { class: "passage" }, h("mark", { text: source.quote }));
  }
  return h("p", { class: "passage" }, text.slice(0, from), h("mark", { text: source.quote }), text.slice(to));
}

async function renderDetail() {
  const panel = $("detail");
  const event = shown.find((e) => e.id === state.event);
  for (const button of document.querySelectorAll(".event")) {
    button.setAttribute("aria-pressed", String(button.dataset.id === state.event));
  }
  strip.select(state.event);
  document.body.classList.toggle("has-detail", Boolean(event));
  if (!event) {
    panel.hidden = true;
    return;
  }
  const passages = await Promise.all(event.sources.map((s) => getJson(`/passages/${s.passage_id}`).catch(() => null)));
  const sources = event.sources.map((s, i) => {
    const article = s.article;
    const published = article.published ? article.published.display : null;
    return h(
      "li",
      { class: "source" },
      h("p", { class: "source-article" }, h("cite", { text: article.title || t("untitled") })),
      h("p", { class: "source-meta", text: [article.outlet, published].filter(Boolean).join(" · ") }),
      passages[i] ? highlighted(passages[i], s) : h("p", { class: "passage" }, h("mark", { text: s.quote })),
      s.stated_date ? h("p", { class: "stated", text: t("stated", { date: s.stated_date.display || s.stated_date.start }) }) : null,
    );
  });
  const precision = precisionLabel(event.date);
  $("detail-body").replaceChildren(
    h("p", { class: "detail-kind" }, h("span", { class: "dot", "data-color": kindColor(event.kind) }), term(event.kind)),
    h("h2", { id: "detail-title", tabindex: "-1", text: event.title }),
    h(
      "p",
      { class: "detail-date" },
      h("time", { datetime: event.date.start, text: event.date.display }),
      h("span", { class: `precision precision-${precision}`, text: term(precision) }),
      event.date.qualifier ? h("span", { class: "precision", text: term(event.date.qualifier) }) : null,
      event.date.ongoing ? h("span", { class: "precision", text: term("ongoing") }) : null,
    ),
    h(
      "dl",
      { class: "facts" },
      event.place ? [h("dt", { text: t("placeFact") }), h("dd", { text: event.place.name })] : null,
      event.actors.length
        ? [h("dt", { text: t("actorsFact") }), h("dd", { text: event.actors.map((a) => `${a.name} (${term(a.role)})`).join(", ") })]
        : null,
      event.date_note ? [h("dt", { text: t("dateNote") }), h("dd", { text: event.date_note })] : null,
    ),
    h("h3", { text: t("sources", { n: event.sources.length }) }),
    h("ol", { class: "sources" }, ...sources),
    event.summary ? h("p", { class: "summary", text: event.summary }) : null,
  );
  paint($("detail-body"));
  panel.hidden = false;
}

/** The opened event's card in view, and on a desktop its panel (sticky) at the top. */
function reveal() {
  const button = document.querySelector(`.event[data-id="${CSS.escape(state.event)}"]`);
  if (!button) return;
  strip.reveal(state.event);
  const box = button.getBoundingClientRect();
  if (!desktop()) return button.scrollIntoView({ block: "nearest" });
  const layoutTop = $("layout").getBoundingClientRect().top + window.scrollY;
  const panelTop = $("detail").getBoundingClientRect().top;
  if (box.top >= 0 && box.bottom <= window.innerHeight && panelTop >= 0 && panelTop <= 24) return;
  const centred = box.top + window.scrollY - (window.innerHeight - box.height) / 2;
  window.scrollTo({ top: Math.max(layoutTop - 8, centred), behavior: "instant" });
}

let pendingScroll = null;
function restoreScroll() {
  if (state.event) reveal();
  else if (pendingScroll !== null) window.scrollTo({ top: pendingScroll, behavior: "instant" });
  pendingScroll = null;
}

async function select(id) {
  state.event = state.event === id && desktop() ? "" : id;
  writeUrl(true);
  await renderDetail();
  if (state.event) {
    reveal();
    if (!desktop()) $("detail-title").focus();
  }
}

function closeDetail() {
  const id = state.event;
  state.event = "";
  writeUrl(true);
  renderDetail();
  const button = document.querySelector(`.event[data-id="${CSS.escape(id)}"]`);
  if (button) button.focus();
}

function changed(push) {
  state.span = "";
  writeUrl(push);
  load();
}

function moveFocus(event) {
  if (!["ArrowDown", "ArrowUp", "Home", "End"].includes(event.key)) return;
  const buttons = [...document.querySelectorAll(".event")];
  const at = buttons.indexOf(document.activeElement);
  if (at < 0) return;
  event.preventDefault();
  const to = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: buttons.length - 1 }[event.key];
  buttons[Math.max(0, Math.min(buttons.length - 1, to))].focus();
}

function readInputs() {
  $("q").value = state.q;
  $("from").value = state.from;
  $("to").value = state.to;
}

let review = null;
async function route() {
  const reviewing = state.view === "review";
  $("timeline-view").hidden = reviewing;
  $("review-view").hidden = !reviewing;
  $("view-link").dataset.i18n = reviewing ? "timeline" : "review";
  $("view-link").textContent = t($("view-link").dataset.i18n);
  $("view-link").href = reviewing ? `?lang=${lang}` : `?view=review&lang=${lang}`;
  if (reviewing) {
    $("status").textContent = "";
    review = review || (await import("./review.js"));
    await review.show($("review-view"), { state, writeUrl, known, highlighted, go });
  } else if (loadedQuery !== filterParams().toString()) await load();
  else {
    strip.show(shown, spanOf(state.span), state.event);
    await renderDetail();
    restoreScroll();
  }
}

/** Follow a link of the page itself without reloading it. */
function go(href) {
  history.replaceState({ scroll: window.scrollY }, "");
  history.pushState(null, "", href);
  readState();
  route();
}

async function setLanguage(value) {
  chooseLang(value);
  applyLabels();
  $("lang").value = lang;
  writeUrl(true);
  await loadKnown().catch(() => null);
  loadedQuery = null;
  route();
}

function start() {
  const params = new URLSearchParams(location.search);
  chooseLang(params.get("lang"));
  applyLabels();
  $("lang").value = lang;
  readState();
  history.scrollRestoration = "manual";
  strip = createStrip($("axis"), {
    onSelect: (id) => select(id),
    onRange: (a, b) => {
      state.from = isoDay(a);
      state.to = isoDay(b - DAY / 2);
      readInputs();
      changed(true);
    },
    onView: (view) => {
      state.span = `${isoDay(view.min)}..${isoDay(view.max)}`;
      writeUrl(false);
    },
  });
  picker = createPicker($("pick"), $("pick-list"), {
    options: pickerOptions,
    onPick: (option) => {
      state[option.type].push(option.value);
      changed(true);
    },
  });
  const zoomButtons = { "zoom-in": () => strip.zoom(0.5), "zoom-out": () => strip.zoom(2), earlier: () => strip.pan(-0.5), later: () => strip.pan(0.5), fit: () => strip.fit(), "use-range": () => strip.useView() };
  for (const [id, action] of Object.entries(zoomButtons)) $(id).addEventListener("click", action);
  let typing = null;
  $("q").addEventListener("input", () => {
    clearTimeout(typing);
    typing = setTimeout(() => {
      state.q = $("q").value.trim();
      changed(false);
    }, 300);
  });
  $("filters").addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(typing);
    for (const id of ["q", "from", "to"]) state[id] = $(id).value.trim();
    changed(true);
  });
  for (const id of ["from", "to"]) {
    $(id).addEventListener("change", () => {
      state[id] = $(id).value.trim();
      changed(true);
    });
  }
  $("reset").addEventListener("click", () => {
    Object.assign(state, { actor: [], place: [], kind: [], tag: [], from: "", to: "", q: "", event: "" });
    readInputs();
    changed(true);
  });
  $("close").addEventListener("click", closeDetail);
  $("events").addEventListener("keydown", moveFocus);
  $("lang").addEventListener("change", () => setLanguage($("lang").value));
  $("view-link").addEventListener("click", (event) => {
    event.preventDefault();
    go($("view-link").href);
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && state.event && !state.view) closeDetail();
  });
  window.addEventListener("popstate", (event) => {
    pendingScroll = event.state && event.state.scroll !== undefined ? event.state.scroll : null;
    const before = lang;
    readState();
    chooseLang(new URLSearchParams(location.search).get("lang"));
    if (lang !== before) setLanguage(lang);
    else route();
  });
  loadKnown()
    .catch(() => null)
    .then(() => {
      writeUrl(false);
      route();
    });
}

start();
