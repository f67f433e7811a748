// What every part of the page shares: building elements, names, colours and the API.
import { lang, t } from "./i18n.js";

export const $ = (id) => document.getElementById(id);

export function h(tag, attrs, ...children) {
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
export function nameKey(name) {
  return String(name).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[\s\-_.'’]/g, "");
}

// Related kinds share a hue family: conflict red-orange, diplomacy blue, words purple.
const KIND_COLORS = {
  war: "#8e1b1b", "military-action": "#c62828", threat: "#d84315", "weapons-test": "#b45309",
  sanctions: "#7c2d12", summit: "#1d4ed8", meeting: "#0369a1", visit: "#0e7490",
  agreement: "#047857", statement: "#7e22ce", speech: "#a21caf", publication: "#6d28d9",
  policy: "#3f6212", election: "#15803d", inauguration: "#4d7c0f", founding: "#854d0e",
  death: "#374151", demolition: "#57534e", other: "#475569",
};
const PALETTE = ["#1f5fa8", "#b3261e", "#2e7d32", "#7b3fa0", "#b85c00", "#00796b", "#ad1457"];

export function kindColor(kind) {
  if (KIND_COLORS[kind]) return KIND_COLORS[kind];
  let hash = 0;
  for (const c of kind) hash = (hash * 31 + c.codePointAt(0)) >>> 0;
  return PALETTE[hash % PALETTE.length];
}

/** Colours go through a custom property: the CSP forbids inline style attributes in HTML. */
export function paint(root) {
  for (const el of root.querySelectorAll("[data-color]")) el.style.setProperty("--kind", el.dataset.color);
}

export const DAY = 86400000;
export const toTime = (iso) => Date.parse(iso + "T00:00:00Z");
export const isoDay = (ms) => new Date(ms).toISOString().slice(0, 10);

export function precisionLabel(date) {
  if (date.precision === "day") return date.start === date.end ? "day" : "span";
  return date.precision;
}

class Problem extends Error {
  constructor(body, status) {
    super(body.detail || body.title || t("failed"));
    this.status = status;
    this.errors = body.errors || [];
  }
}

/** The path and query of a GET, in the page's language (`next` links come absolute). */
function apiUrl(url) {
  const u = new URL(url, location.origin);
  u.searchParams.set("lang", lang);
  return u.pathname + u.search;
}

/** GETs revalidate (a 304 is cheap): a write must show at once, not after max-age. */
export async function request(url, { signal, method = "GET", body, headers = {} } = {}) {
  const response = await fetch(method === "GET" ? apiUrl(url) : url, {
    method,
    signal,
    cache: method === "GET" ? "no-cache" : "no-store",
    headers: { Accept: "application/json", ...(body ? { "Content-Type": "application/json" } : {}), ...headers },
    body: body ? JSON.stringify(body) : undefined,
  });
  const answer = response.status === 204 ? {} : await response.json().catch(() => ({}));
  if (!response.ok) throw new Problem(answer, response.status);
  return { body: answer, etag: response.headers.get("ETag") };
}

export async function getJson(url, signal) {
  return (await request(url, { signal })).body;
}

export async function getAll(url, signal, cap) {
  const items = [];
  let next = url;
  while (next && items.length < cap) {
    const page = await getJson(next, signal);
    items.push(...page.items);
    next = page.next;
  }
  return { items: items.slice(0, cap), more: Boolean(next) || items.length > cap };
}
