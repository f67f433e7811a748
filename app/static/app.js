// The timeline page: reads the API of the same origin, keeps its filters in the URL.
"use strict";

const MAX_EVENTS = 2000;
const CHIP_LIMIT = 12;
// Related kinds share a hue family: conflict red-orange, diplomacy blue, words purple.
const KIND_COLORS = {
  war: "#8e1b1b", "military-action": "#c62828", threat: "#d84315", "weapons-test": "#b45309",
  sanctions: "#7c2d12", summit: "#1d4ed8", meeting: "#0369a1", visit: "#0e7490",
  agreement: "#047857", statement: "#7e22ce", speech: "#a21caf", publication: "#6d28d9",
  policy: "#3f6212", election: "#15803d", inauguration: "#4d7c0f", founding: "#854d0e",
  death: "#374151", demolition: "#57534e", other: "#475569",
};
const PALETTE = ["#1f5fa8", "#b3261e", "#2e7d32", "#7b3fa0", "#b85c00", "#00796b", "#ad1457"];

const state = { actor: [], kind: [], from: "", to: "", q: "", event: "" };
const actorsById = new Map();
const actorsByKey = new Map();
let shown = [];
let loading = null;

const $ = (id) => document.getElementById(id);

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "class") el.className = value;
    else if (name === "text") el.textContent = value;
    else if (name.startsWith("on")) el.addEventListener(name.slice(2), value);
    else el.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

// Same rule as the server: case, accents, hyphens and spaces do not matter.
function nameKey(name) {
  return name.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[\s\-_.'’]/g, "");
}

function kindColor(kind) {
  if (KIND_COLORS[kind]) return KIND_COLORS[kind];
  let hash = 0;
  for (const c of kind) hash = (hash * 31 + c.codePointAt(0)) >>> 0;
  return PALETTE[hash % PALETTE.length];
}

function readState() {
  const params = new URLSearchParams(location.search);
  state.actor = params.getAll("actor");
  state.kind = params.getAll("kind");
  state.from = params.get("from") || "";
  state.to = params.get("to") || "";
  state.q = params.get("q") || "";
  state.event = params.get("event") || "";
  readStateInputs();
}

function filterParams({ withKind = true } = {}) {
  const params = new URLSearchParams();
  for (const a of state.actor) params.append("actor", a);
  if (withKind) for (const k of state.kind) params.append("kind", k);
  if (state.from) params.set("from", state.from);
  if (state.to) params.set("to", state.to);
  if (state.q) params.set("q", state.q);
  return params;
}

function writeUrl(push) {
  const params = filterParams();
  if (state.event) params.set("event", state.event);
  const query = params.toString();
  const url = location.pathname + (query ? "?" + query : "");
  if (url === location.pathname + location.search) return;
  history[push ? "pushState" : "replaceState"](null, "", url);
}

class Problem extends Error {
  constructor(body) {
    super(body.detail || body.title || "The request failed.");
    this.params = (body.errors || []).map((e) => e.param);
  }
}

async function getJson(url, signal) {
  const response = await fetch(url, { signal, headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Problem(body);
  return body;
}

async function getAll(url, signal, cap) {
  const items = [];
  let next = url;
  while (next && items.length < cap) {
    const page = await getJson(next, signal);
    items.push(...page.items);
    next = page.next;
  }
  return { items: items.slice(0, cap), more: Boolean(next) || items.length > cap };
}

async function loadActors() {
  const { items } = await getAll("/actors?limit=500", undefined, 10000);
  for (const actor of items) {
    actorsById.set(actor.id, actor);
    for (const name of [actor.id, actor.name, ...actor.aliases]) actorsByKey.set(nameKey(name), actor);
  }
}

function actorFor(value) {
  return actorsById.get(value) || actorsByKey.get(nameKey(value)) || null;
}

async function load() {
  if (loading) loading.abort();
  loading = new AbortController();
  const signal = loading.signal;
  const query = filterParams().toString();
  $("status").textContent = "Loading events…";
  $("filters").setAttribute("aria-busy", "true");
  try {
    const [events, facets, kinds] = await Promise.all([
      getAll(`/events?limit=500&${query}`, signal, MAX_EVENTS),
      getJson(`/facets?facet=actor&${query}`, signal),
      getJson(`/facets?facet=kind&${filterParams({ withKind: false })}`, signal),
    ]);
    showError(null);
    shown = events.items;
    renderChips(facets.actor, kinds.kind);
    renderAxis(shown);
    renderList(shown);
    const count = `${shown.length}${events.more ? "+" : ""} event${shown.length === 1 ? "" : "s"}`;
    const sources = new Set(shown.flatMap((e) => e.sources.map((s) => s.article.id))).size;
    $("status").textContent = `${count} from ${sources} article${sources === 1 ? "" : "s"}`;
    await renderDetail();
  } catch (error) {
    if (error.name === "AbortError") return;
    showError(error);
    $("status").textContent = "No events to show.";
  } finally {
    $("filters").removeAttribute("aria-busy");
  }
}

function showError(error) {
  const box = $("error");
  for (const id of ["q", "from", "to"]) $(id).removeAttribute("aria-invalid");
  if (!error) {
    box.hidden = true;
    return;
  }
  box.textContent = error.message;
  box.hidden = false;
  for (const param of error.params || []) {
    if (["q", "from", "to"].includes(param)) $(param).setAttribute("aria-invalid", "true");
  }
}

function chip({ label, count, pressed, color, onclick, title }) {
  return h(
    "button",
    { type: "button", class: "chip", "aria-pressed": String(pressed), onclick, title },
    color ? h("span", { class: "dot", "data-color": color }) : null,
    h("span", { class: "chip-label", text: label }),
    count !== undefined ? h("span", { class: "chip-count", text: count }) : null,
  );
}

function paint(root) {
  for (const el of root.querySelectorAll("[data-color]")) el.style.setProperty("--kind", el.dataset.color);
}

function toggle(list, value) {
  const at = list.indexOf(value);
  if (at >= 0) list.splice(at, 1);
  else list.push(value);
}

function renderChips(actorFacet, kindFacet) {
  const counts = new Map(actorFacet.map((f) => [f.value, f]));
  const selected = state.actor.map((raw) => ({ raw, actor: actorFor(raw) }));
  const selectedIds = new Set(selected.map((s) => s.actor && s.actor.id));
  const actorBox = $("actor-chips");
  actorBox.replaceChildren(
    ...selected.map(({ raw, actor }) =>
      chip({
        label: actor ? actor.name : raw,
        count: actor && counts.get(actor.id) ? counts.get(actor.id).count : undefined,
        pressed: true,
        title: "Remove this actor",
        onclick: () => {
          state.actor = state.actor.filter((a) => a !== raw);
          changed(true);
        },
      }),
    ),
    ...actorFacet
      .filter((f) => !selectedIds.has(f.value))
      .slice(0, CHIP_LIMIT)
      .map((f) =>
        chip({
          label: f.name,
          count: f.count,
          pressed: false,
          title: `Only events involving ${f.name}`,
          onclick: () => {
            state.actor.push(f.value);
            changed(true);
          },
        }),
      ),
  );
  const kinds = new Map(kindFacet.map((f) => [f.value, f.count]));
  for (const k of state.kind) if (!kinds.has(k)) kinds.set(k, 0);
  $("kind-chips").replaceChildren(
    ...[...kinds].map(([kind, count]) =>
      chip({
        label: kind.replace(/-/g, " "),
        count,
        pressed: state.kind.includes(kind),
        color: kindColor(kind),
        onclick: () => {
          toggle(state.kind, kind);
          changed(true);
        },
      }),
    ),
  );
  paint($("kind-chips"));
}

const DAY = 86400000;
const toTime = (iso) => Date.parse(iso + "T00:00:00Z");

function precisionLabel(date) {
  const start = date.start;
  const end = date.end;
  if (date.precision === "day") return start === end ? "day" : "span";
  return date.precision;
}

function renderAxis(events) {
  const axis = $("axis");
  if (!events.length) {
    axis.replaceChildren(h("p", { class: "empty", text: "Nothing on this range." }));
    return;
  }
  let min = Infinity;
  let max = -Infinity;
  for (const e of events) {
    min = Math.min(min, toTime(e.date.start));
    max = Math.max(max, toTime(e.date.end) + DAY);
  }
  const pad = Math.max((max - min) * 0.02, 30 * DAY);
  min -= pad;
  max += pad;
  const x = (t) => ((t - min) / (max - min)) * 100;
  const lanes = [];
  const marks = events.map((e) => {
    const start = toTime(e.date.start);
    const end = toTime(e.date.end) + DAY;
    const left = x(start);
    const width = Math.max(x(end) - left, 0);
    let lane = lanes.findIndex((free) => free <= left);
    if (lane < 0) lane = lanes.length < 7 ? lanes.push(0) - 1 : lanes.indexOf(Math.min(...lanes));
    lanes[lane] = left + Math.max(width, 1.2) + 0.4;
    const selected = e.id === state.event;
    const mark = h("div", {
      class: `mark mark-${precisionLabel(e.date)}${selected ? " is-selected" : ""}`,
      "data-id": e.id,
      "data-color": kindColor(e.kind),
      title: `${e.date.display}: ${e.title}`,
      onclick: () => select(e.id, true),
    });
    mark.style.left = `${left}%`;
    mark.style.width = `${width}%`;
    mark.style.top = `${lane * 18 + 8}px`;
    return mark;
  });
  const ticks = [];
  const first = new Date(min).getUTCFullYear();
  const last = new Date(max).getUTCFullYear();
  const span = last - first;
  const step = [1, 2, 5, 10, 20, 25, 50].find((s) => span / s <= 8) || 100;
  for (let year = Math.ceil(first / step) * step; year <= last; year += step) {
    if (x(Date.UTC(year, 0, 1)) > 95) break;
    const tick = h("div", { class: "tick" }, h("span", { text: year }));
    tick.style.left = `${x(Date.UTC(year, 0, 1))}%`;
    ticks.push(tick);
  }
  const track = h("div", { class: "track", "aria-hidden": "true" }, ...ticks, ...marks);
  track.style.height = `${lanes.length * 18 + 34}px`;
  axis.replaceChildren(track);
  paint(axis);
}

function eventCard(e) {
  const actors = e.actors.map((a) => a.name).join(", ");
  const precision = precisionLabel(e.date);
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
        onclick: () => select(e.id, true),
      },
      h(
        "span",
        { class: "event-date" },
        h("time", { datetime: e.date.start, text: e.date.display }),
        h("span", { class: `precision precision-${precision}`, text: precision }),
      ),
      h(
        "span",
        { class: "event-main" },
        h("span", { class: "event-title", text: e.title }),
        h(
          "span",
          { class: "event-meta" },
          h("span", { class: "kind" }, h("span", { class: "dot", "data-color": kindColor(e.kind) }), e.kind.replace(/-/g, " ")),
          e.place ? h("span", { text: e.place.name }) : null,
          actors ? h("span", { class: "event-actors", text: actors }) : null,
          h("span", { class: "event-sources", text: `${e.sources.length} source${e.sources.length === 1 ? "" : "s"}` }),
        ),
      ),
    ),
  );
}

function renderList(events) {
  const list = $("events");
  if (!events.length) {
    list.replaceChildren(h("li", { class: "empty", text: "No event matches these filters." }));
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

async function passageOf(id) {
  return getJson(`/passages/${id}`);
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
  for (const mark of document.querySelectorAll(".mark")) {
    mark.classList.toggle("is-selected", mark.dataset.id === state.event);
  }
  document.body.classList.toggle("has-detail", Boolean(event));
  if (!event) {
    panel.hidden = true;
    return;
  }
  const body = $("detail-body");
  const passages = await Promise.all(
    event.sources.map((s) => passageOf(s.passage_id).catch(() => null)),
  );
  const sources = event.sources.map((s, i) => {
    const article = s.article;
    const published = article.published ? article.published.display : null;
    return h(
      "li",
      { class: "source" },
      h("p", { class: "source-article" }, h("cite", { text: article.title || "Untitled article" })),
      h("p", { class: "source-meta", text: [article.outlet, published].filter(Boolean).join(" · ") }),
      passages[i] ? highlighted(passages[i], s) : h("p", { class: "passage" }, h("mark", { text: s.quote })),
      s.stated_date
        ? h("p", { class: "stated", text: `The passage dates it: ${s.stated_date.display || s.stated_date.start}` })
        : null,
    );
  });
  body.replaceChildren(
    h("p", { class: "detail-kind" }, h("span", { class: "dot", "data-color": kindColor(event.kind) }), event.kind.replace(/-/g, " ")),
    h("h2", { id: "detail-title", tabindex: "-1", text: event.title }),
    h(
      "p",
      { class: "detail-date" },
      h("time", { datetime: event.date.start, text: event.date.display }),
      h("span", { class: `precision precision-${precisionLabel(event.date)}`, text: precisionLabel(event.date) }),
      event.date.qualifier ? h("span", { class: "precision", text: event.date.qualifier }) : null,
      event.date.ongoing ? h("span", { class: "precision", text: "ongoing" }) : null,
    ),
    event.summary ? h("p", { class: "summary", text: event.summary }) : null,
    h(
      "dl",
      { class: "facts" },
      event.place ? [h("dt", { text: "Place" }), h("dd", { text: event.place.name })] : null,
      event.actors.length
        ? [h("dt", { text: "Actors" }), h("dd", { text: event.actors.map((a) => `${a.name} (${a.role})`).join(", ") })]
        : null,
      event.date_note ? [h("dt", { text: "About the date" }), h("dd", { text: event.date_note })] : null,
    ),
    h("h3", { text: `Sources (${event.sources.length})` }),
    h("ol", { class: "sources" }, ...sources),
  );
  paint(body);
  panel.hidden = false;
}

async function select(id, focusPanel) {
  state.event = state.event === id && !window.matchMedia("(max-width: 959px)").matches ? "" : id;
  writeUrl(true);
  await renderDetail();
  if (focusPanel && state.event && window.matchMedia("(max-width: 959px)").matches) {
    $("detail-title").focus();
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
  const target = buttons[Math.max(0, Math.min(buttons.length - 1, to))];
  target.focus();
}

function start() {
  readState();
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
    state.q = $("q").value.trim();
    state.from = $("from").value.trim();
    state.to = $("to").value.trim();
    changed(true);
  });
  for (const id of ["from", "to"]) {
    $(id).addEventListener("change", () => {
      state[id] = $(id).value.trim();
      changed(true);
    });
  }
  $("reset").addEventListener("click", () => {
    Object.assign(state, { actor: [], kind: [], from: "", to: "", q: "", event: "" });
    readStateInputs();
    changed(true);
  });
  $("close").addEventListener("click", closeDetail);
  $("events").addEventListener("keydown", moveFocus);
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && state.event) closeDetail();
  });
  window.addEventListener("popstate", () => {
    readState();
    load();
  });
  loadActors()
    .catch(() => null)
    .then(load);
}

function readStateInputs() {
  $("q").value = state.q;
  $("from").value = state.from;
  $("to").value = state.to;
}

start();
