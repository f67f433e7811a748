// Review in the browser: an ingested article's passages with the events proposed from them
// and the links suggested to existing events, each acted on through the public API with
// If-Match. The write token lives in this tab's sessionStorage only: never in a URL.
import { lang, t, term } from "./i18n.js";
import { getAll, h, request } from "./util.js";

const TOKEN = "timeline-token";
let ctx;
let root;

const token = () => sessionStorage.getItem(TOKEN) || "";

/** One write with the token and the ETag the reviewer saw; the answer or a message. */
async function write(url, method, etag, body, language) {
  const headers = { Authorization: `Bearer ${token()}`, "If-Match": etag, ...(language ? { "Content-Language": language } : {}) };
  try {
    await request(url, { method, body, headers });
    return null;
  } catch (error) {
    if (error.status === 412) return { text: t("changed"), reload: true };
    if (error.status === 401 || error.status === 403) return { text: t("denied") };
    return { text: error.message };
  }
}

function say(text, reload = false) {
  const box = root.querySelector("#review-status");
  box.replaceChildren(h("span", { text }));
  if (reload) box.append(h("button", { type: "button", class: "button button-quiet", onclick: () => render(), text: t("reload") }));
}

async function act(url, method, etag, body, done, language) {
  const failed = await write(url, method, etag, body, language);
  if (failed) return say(failed.text, failed.reload);
  await render();
  say(done);
  root.querySelector("#review-status").focus();
}

function tokenForm() {
  const input = h("input", { id: "token", type: "password", autocomplete: "off", "aria-describedby": "token-hint" });
  return h(
    "form",
    {
      class: "token-form",
      onsubmit: (e) => {
        e.preventDefault();
        if (input.value.trim()) sessionStorage.setItem(TOKEN, input.value.trim());
        render();
      },
    },
    h("div", { class: "field" }, h("label", { for: "token", text: t("token") }), input),
    h("button", { type: "submit", class: "button", text: t("useToken") }),
    token()
      ? h("button", {
          type: "button",
          class: "button button-quiet",
          text: t("forget"),
          onclick: () => {
            sessionStorage.removeItem(TOKEN);
            render();
          },
        })
      : null,
    h("p", { id: "token-hint", class: "hint", text: t("tokenHint") }),
  );
}

/** The passage's text with every item's quote marked. */
function marked(passage, items) {
  const ranges = items
    .map((i) => [i.start - passage.start, i.end - passage.start])
    .filter(([a, b]) => a >= 0 && b <= passage.text.length && a < b)
    .sort((x, y) => x[0] - y[0]);
  const parts = [];
  let at = 0;
  for (const [a, b] of ranges) {
    if (a < at) continue;
    parts.push(passage.text.slice(at, a), h("mark", { text: passage.text.slice(a, b) }));
    at = b;
  }
  parts.push(passage.text.slice(at));
  return h("p", { class: "passage" }, parts);
}

function editForm(item, onCancel) {
  const e = item.event;
  const kinds = ctx.known.kind;
  const fields = {
    title: h("input", { id: `title-${e.id}`, value: e.title }),
    date: h("input", { id: `date-${e.id}`, value: e.date.display }),
    kind: h(
      "select",
      { id: `kind-${e.id}` },
      kinds.has(e.kind) ? null : h("option", { value: "", text: term(e.kind) }),
      [...kinds.keys()].map((k) => h("option", { value: k, text: term(k), selected: k === e.kind })),
    ),
    actors: h("input", { id: `actors-${e.id}`, value: e.actors.map((a) => a.name).join(", ") }),
    place: h("input", { id: `place-${e.id}`, value: e.place ? e.place.name : "", list: "review-places" }),
  };
  const labels = { title: "fTitle", date: "fDate", kind: "fKind", actors: "fActors", place: "fPlace" };
  const initial = Object.fromEntries(Object.entries(fields).map(([k, el]) => [k, el.value]));
  return h(
    "form",
    {
      class: "edit-form",
      onsubmit: (ev) => {
        ev.preventDefault();
        const patch = { status: "published" };
        for (const [name, el] of Object.entries(fields)) {
          const value = el.value.trim();
          if (value === initial[name]) continue;
          if (name === "actors") patch.actors = value.split(",").map((a) => a.trim()).filter(Boolean);
          else if (name === "place") patch.place = value || null;
          else patch[name] = value;
        }
        // A title is written in the language it is shown in (a proposal's: its article's).
        act(`/events/${encodeURIComponent(e.id)}`, "PATCH", item.etag, patch, t("published"), e.title_lang || lang);
      },
    },
    Object.entries(fields).map(([name, el]) => h("div", { class: "field" }, h("label", { for: el.id, text: t(labels[name]) }), el)),
    h(
      "div",
      { class: "actions" },
      h("button", { type: "submit", class: "button", text: t("save") }),
      h("button", { type: "button", class: "button button-quiet", text: t("cancel"), onclick: onCancel }),
    ),
  );
}

function mergeForm(item) {
  const id = `merge-${item.event.id}`;
  const results = h("ul", { class: "merge-results", "aria-live": "polite" });
  let typing = null;
  const input = h("input", {
    id,
    type: "search",
    autocomplete: "off",
    oninput: () => {
      clearTimeout(typing);
      typing = setTimeout(async () => {
        const q = input.value.trim();
        if (!q) return results.replaceChildren();
        const { body } = await request(`/events?q=${encodeURIComponent(q)}&limit=8`).catch(() => ({ body: { items: [] } }));
        results.replaceChildren(
          ...body.items.map((target) =>
            h(
              "li",
              {},
              h("button", {
                type: "button",
                class: "button button-quiet merge-target",
                "data-id": target.id,
                "aria-label": `${t("mergeInto")}: ${target.title}, ${target.date.display}`,
                text: `${target.title} · ${target.date.display}`,
                onclick: () =>
                  act(`/events/${encodeURIComponent(item.event.id)}/merge`, "POST", item.etag, { into: target.id }, t("merged", { id: target.title })),
              }),
            ),
          ),
        );
      }, 250);
    },
  });
  return h("div", { class: "merge-form" }, h("label", { for: id, text: t("mergeSearch") }), input, results);
}

function proposalCard(item) {
  const e = item.event;
  const card = h("li", { class: "review-item", "data-event": e.id });
  const url = `/events/${encodeURIComponent(e.id)}`;
  const buttons = h(
    "div",
    { class: "actions" },
    h("button", { type: "button", class: "button", text: t("publish"), onclick: () => act(url, "PATCH", item.etag, { status: "published" }, t("published")) }),
    h("button", { type: "button", class: "button button-quiet", text: t("edit"), onclick: () => open(editForm(item, () => open(null))) }),
    h("button", { type: "button", class: "button button-quiet", text: t("merge"), onclick: () => open(mergeForm(item)) }),
    h("button", { type: "button", class: "button button-quiet danger", text: t("reject"), onclick: () => act(url, "PATCH", item.etag, { status: "rejected" }, t("rejected")) }),
  );
  const slot = h("div", { class: "slot" });
  function open(form) {
    slot.replaceChildren(...(form ? [form] : []));
    const first = form && form.querySelector("input, select");
    if (first) first.focus();
  }
  card.append(
    h("p", { class: "item-kind", text: e.status === "proposed" ? t("proposal") : `${t("proposal")} · ${t("status_" + e.status)}` }),
    h("h4", { class: "item-title", text: e.title }),
    h(
      "p",
      { class: "item-meta" },
      [e.date.display, term(e.kind), e.place && e.place.name, e.actors.map((a) => a.name).join(", ")].filter(Boolean).join(" · "),
    ),
    e.status === "proposed" ? buttons : null,
    slot,
  );
  return card;
}

function linkCard(item) {
  const url = `/events/${encodeURIComponent(item.event.id)}/links/${item.link.id}`;
  return h(
    "li",
    { class: "review-item", "data-link": item.link.id },
    h("p", { class: "item-kind", text: `${t("link", { title: item.event.title })} · ${t("status_" + item.link.status)}` }),
    h("p", { class: "item-meta", text: `${item.event.date.display} · ${t("score", { s: item.link.score.toFixed(2) })}` }),
    item.link.status === "pending"
      ? h(
          "div",
          { class: "actions" },
          h("button", { type: "button", class: "button", text: t("accept"), onclick: () => act(url, "PATCH", item.etag, { status: "accepted" }, t("accepted")) }),
          h("button", { type: "button", class: "button button-quiet danger", text: t("rejectLink"), onclick: () => act(url, "PATCH", item.etag, { status: "rejected" }, t("linkRejected")) }),
        )
      : null,
  );
}

/** What waits for review in an article: its proposals, and its links to existing events. */
async function itemsOf(articleId) {
  const id = encodeURIComponent(articleId);
  const [proposals, links] = await Promise.all([
    getAll(`/events?article=${id}&status=proposed&limit=500`, undefined, 2000),
    getAll(`/articles/${id}/links`, undefined, 10000).then((r) => r.items),
  ]);
  const ids = new Set([...proposals.items.map((e) => e.id), ...links.map((l) => l.event_id)]);
  const events = new Map();
  await Promise.all(
    [...ids].map(async (eventId) => {
      const { body, etag } = await request(`/events/${encodeURIComponent(eventId)}`);
      events.set(eventId, { event: body, etag });
    }),
  );
  const items = [];
  for (const e of proposals.items) {
    const source = events.get(e.id).event.sources.find((s) => s.article.id === articleId);
    if (source) items.push({ ...events.get(e.id), passage_id: source.passage_id, start: source.start, end: source.end });
  }
  for (const link of links) {
    if (link.status === "rejected" || link.event_status === "proposed" || !events.has(link.event_id)) continue;
    items.push({ ...events.get(link.event_id), link, passage_id: link.passage_id, start: link.start, end: link.end });
  }
  return items;
}

async function articleView(articleId) {
  const [article, passages, items] = await Promise.all([
    request(`/articles/${encodeURIComponent(articleId)}`).then((r) => r.body),
    getAll(`/articles/${encodeURIComponent(articleId)}/passages`, undefined, 10000),
    itemsOf(articleId),
  ]);
  const blocks = passages.items
    .map((p) => {
      const here = items.filter((i) => i.passage_id === p.id);
      if (!here.length) return null;
      return h(
        "li",
        { class: "review-passage" },
        h("h3", { class: "passage-title", text: t("passage", { n: p.ordinal + 1 }) }),
        marked(p, here),
        h("ul", { class: "review-items" }, here.map((i) => (i.link ? linkCard(i) : proposalCard(i)))),
      );
    })
    .filter(Boolean);
  return h(
    "article",
    { class: "review-article" },
    h("h3", { class: "article-title", text: article.title || t("untitled") }),
    h("p", { class: "source-meta", text: [article.outlet, article.published && article.published.display, article.language].filter(Boolean).join(" · ") }),
    blocks.length ? h("ol", { class: "review-passages" }, blocks) : h("p", { class: "empty", text: t("nothingToReview") }),
  );
}

async function render() {
  const { state } = ctx;
  const heading = h("h2", { id: "review-title", text: t("reviewTitle") });
  const status = h("p", { id: "review-status", class: "review-status", role: "status", tabindex: "-1" });
  if (!token()) {
    root.replaceChildren(heading, tokenForm(), h("p", { class: "notice", text: t("noToken") }), status);
    return;
  }
  const articles = await getAll("/articles?limit=100", undefined, 1000);
  const nav = h(
    "nav",
    { class: "review-nav", "aria-labelledby": "articles-title" },
    h("h3", { id: "articles-title", text: t("articles") }),
    h(
      "ul",
      {},
      articles.items.map((a) =>
        h(
          "li",
          {},
          h("a", {
            href: `?view=review&article=${encodeURIComponent(a.id)}&lang=${lang}`,
            "aria-current": a.id === state.article ? "page" : null,
            text: a.title || a.id,
            onclick: (e) => {
              e.preventDefault();
              ctx.go(e.currentTarget.href);
            },
          }),
        ),
      ),
    ),
  );
  const places = h("datalist", { id: "review-places" }, [...ctx.known.place.values()].map((p) => h("option", { value: p.name })));
  const main = state.article ? await articleView(state.article) : h("p", { class: "notice", text: t("chooseArticle") });
  root.replaceChildren(heading, tokenForm(), status, h("div", { class: "review-layout" }, nav, main), places);
}

export async function show(element, context) {
  root = element;
  ctx = context;
  try {
    await render();
  } catch (error) {
    root.replaceChildren(h("p", { class: "error", role: "alert", text: error.message }));
  }
}
