// The "Along time" strip: zoom (wheel, pinch, buttons, + and −), pan (arrows, buttons,
// horizontal wheel), drag to choose a period; marks never overlap: spans take lanes,
// points that would touch become one numbered cluster that zooms in when chosen.
import { formatMonth, t } from "./i18n.js";
import { DAY, h, kindColor, paint, precisionLabel, toTime } from "./util.js";

const MIN_SPAN = 20 * DAY;
const LANES = 3;
const LANE = 18;
const CLUSTER = 26; // px a cluster claims to the right of its first member
const MOST = 0.8; // the opening span holds this share of the shown events

export function createStrip(axis, { onSelect, onRange, onView }) {
  let events = [];
  let all = null; // the extent of the shown events
  let view = null;
  let selected = "";
  let active = 0; // the mark that Tab reaches (roving tabindex)
  const tip = h("div", { class: "tip", "aria-hidden": "true", hidden: true });

  const width = () => axis.clientWidth || 800;
  const px = (ms) => ((ms - view.min) / (view.max - view.min)) * width();
  const timeAt = (x) => view.min + (x / width()) * (view.max - view.min);

  function setView(min, max, notify = true) {
    const extent = all.max - all.min;
    let span = Math.min(Math.max(max - min, MIN_SPAN), Math.max(extent * 1.5, MIN_SPAN));
    const mid = (min + max) / 2;
    let lo = mid - span / 2;
    const floor = all.min - extent * 0.25;
    const ceiling = all.max + extent * 0.25;
    lo = Math.max(floor, Math.min(lo, ceiling - span));
    if (ceiling - floor < span) span = ceiling - floor;
    view = { min: lo, max: lo + span };
    draw();
    if (notify) onView(view);
  }

  function zoom(factor, at = width() / 2) {
    const pivot = timeAt(at);
    setView(pivot - (pivot - view.min) * factor, pivot + (view.max - pivot) * factor);
  }

  function pan(share) {
    const shift = (view.max - view.min) * share;
    setView(view.min + shift, view.max + shift);
  }

  /** The shortest window holding MOST of the events, padded: where the shown events are. */
  function densest() {
    const mids = events.map((e) => Math.max(e.t0, e.t1 - 365 * DAY)).sort((a, b) => a - b);
    const k = Math.max(1, Math.ceil(mids.length * MOST));
    let best = [mids[0], mids[mids.length - 1]];
    for (let i = 0; i + k - 1 < mids.length; i++) {
      if (mids[i + k - 1] - mids[i] < best[1] - best[0]) best = [mids[i], mids[i + k - 1]];
    }
    const pad = Math.max((best[1] - best[0]) * 0.08, MIN_SPAN);
    return [best[0] - pad, best[1] + pad];
  }

  function label(e) {
    return `${e.date.display}: ${e.title}`;
  }

  function layout() {
    const visible = events.filter((e) => e.t1 >= view.min && e.t0 <= view.max);
    const lanes = [];
    const spans = [];
    const points = [];
    for (const e of visible) {
      const x0 = px(e.t0);
      const x1 = px(e.t1);
      if (x1 - x0 >= 14) {
        const lane = lanes.findIndex((end) => end + 3 <= x0);
        if (lane >= 0 || lanes.length < LANES) {
          const at = lane >= 0 ? lane : lanes.push(0) - 1;
          lanes[at] = x1;
          spans.push({ events: [e], x: x0, w: x1 - x0, lane: at });
          continue;
        }
      }
      points.push({ e, x: px((e.t0 + e.t1) / 2) });
    }
    points.sort((a, b) => a.x - b.x);
    const clusters = [];
    for (const p of points) {
      const last = clusters[clusters.length - 1];
      if (last && p.x < last.x + CLUSTER) last.events.push(p.e);
      else clusters.push({ events: [p.e], x: p.x });
    }
    return { spans, clusters, lanes: lanes.length };
  }

  function ticks() {
    const days = (view.max - view.min) / DAY;
    const most = Math.max(3, Math.floor(width() / 80)); // labels that fit side by side
    const out = [];
    if (days > 3 * 365) {
      const years = days / 365;
      const step = [1, 2, 5, 10, 20, 25, 50, 100].find((s) => years / s <= most) || 200;
      const first = new Date(view.min).getUTCFullYear();
      for (let y = Math.ceil(first / step) * step; Date.UTC(y, 0, 1) < view.max; y += step) {
        out.push([Date.UTC(y, 0, 1), String(y)]);
      }
    } else {
      const months = days / 30.4;
      const step = [1, 2, 3, 6, 12].find((s) => months / s <= most) || 12;
      const d = new Date(view.min);
      let m = d.getUTCFullYear() * 12 + d.getUTCMonth() + 1;
      m = Math.ceil(m / step) * step;
      for (; Date.UTC(Math.floor(m / 12), m % 12, 1) < view.max; m += step) {
        const ms = Date.UTC(Math.floor(m / 12), m % 12, 1);
        out.push([ms, formatMonth(ms)]);
      }
    }
    return out;
  }

  function markFor(group, index) {
    const many = group.events.length > 1;
    const e = group.events[0];
    const name = many
      ? t("cluster", { n: group.events.length, from: group.events[0].date.display, to: group.events.at(-1).date.display })
      : label(e);
    const ids = group.events.map((x) => x.id);
    const mark = h(
      "button",
      {
        type: "button",
        class: many ? "mark mark-cluster" : `mark mark-${precisionLabel(e.date)}${group.w ? " mark-wide" : ""}`,
        "data-id": many ? null : e.id,
        "data-ids": ids.join(" "),
        "data-color": many ? null : kindColor(e.kind),
        "aria-label": name,
        tabindex: index === active ? "0" : "-1",
        onclick: () => (many ? zoomTo(group.events) : onSelect(e.id)),
      },
      many ? String(group.events.length) : null,
    );
    if (ids.includes(selected)) mark.classList.add("is-selected");
    mark.style.left = `${group.x}px`;
    if (group.w) mark.style.width = `${group.w}px`;
    mark.style.top = `${group.lane * LANE + 8}px`;
    return mark;
  }

  function zoomTo(members) {
    const lo = Math.min(...members.map((e) => e.t0));
    const hi = Math.max(...members.map((e) => e.t1));
    const pad = Math.max((hi - lo) * 0.3, MIN_SPAN / 2);
    setView(lo - pad, hi + pad);
    const first = axis.querySelector(`.mark[data-ids~="${CSS.escape(members[0].id)}"]`);
    if (first) focusMark(first);
  }

  function draw() {
    if (!events.length) {
      axis.replaceChildren(h("p", { class: "empty", text: t("nothingHere") }));
      return;
    }
    const { spans, clusters, lanes } = layout();
    const row = lanes * LANE + 8;
    const groups = [...spans, ...clusters.map((c) => ({ ...c, lane: lanes }))];
    groups.sort((a, b) => a.x - b.x);
    active = Math.min(active, Math.max(groups.length - 1, 0));
    const marks = groups.map(markFor);
    const tickEls = ticks().filter(([ms]) => px(ms) > 24).map(([ms, text]) => {
      const tick = h("div", { class: "tick", "aria-hidden": "true" }, h("span", { text }));
      tick.style.left = `${px(ms)}px`;
      return tick;
    });
    const track = h("div", { class: "track" }, ...tickEls, ...marks, tip);
    track.style.height = `${row + LANE + 30}px`;
    axis.replaceChildren(track);
    axis.dataset.from = new Date(view.min).toISOString().slice(0, 10);
    axis.dataset.to = new Date(view.max).toISOString().slice(0, 10);
    paint(axis);
  }

  function showTip(mark) {
    tip.textContent = mark.getAttribute("aria-label");
    tip.hidden = false;
    const x = Math.min(Math.max(mark.offsetLeft, 0), width() - 260);
    tip.style.left = `${x}px`;
    tip.style.top = `${mark.offsetTop + mark.offsetHeight + 6}px`;
  }

  function focusMark(mark) {
    const marks = [...axis.querySelectorAll(".mark")];
    active = marks.indexOf(mark);
    for (const m of marks) m.tabIndex = m === mark ? 0 : -1;
    mark.focus();
  }

  axis.addEventListener("pointerover", (e) => e.target.closest(".mark") && showTip(e.target.closest(".mark")));
  axis.addEventListener("pointerout", (e) => e.target.closest(".mark") && (tip.hidden = true));
  axis.addEventListener("focusin", (e) => (e.target.closest(".mark") ? showTip(e.target) : (tip.hidden = true)));
  axis.addEventListener("focusout", () => (tip.hidden = true));

  axis.addEventListener("keydown", (e) => {
    if (!view) return;
    const mark = e.target.closest(".mark");
    if (e.key === "+" || e.key === "=") zoom(0.5);
    else if (e.key === "-" || e.key === "_") zoom(2);
    else if (e.key === "Home") fit();
    else if (mark && (e.key === "ArrowRight" || e.key === "ArrowLeft")) {
      const marks = [...axis.querySelectorAll(".mark")];
      const next = marks[marks.indexOf(mark) + (e.key === "ArrowRight" ? 1 : -1)];
      if (next) focusMark(next);
      else pan(e.key === "ArrowRight" ? 0.5 : -0.5);
    } else if (e.key === "ArrowRight") pan(0.25);
    else if (e.key === "ArrowLeft") pan(-0.25);
    else return;
    e.preventDefault();
  });

  axis.addEventListener(
    "wheel",
    (e) => {
      if (!view) return;
      e.preventDefault();
      const x = e.clientX - axis.getBoundingClientRect().left;
      if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) pan((e.deltaX || e.deltaY) / width());
      else zoom(Math.exp(e.deltaY * 0.002), x);
    },
    { passive: false },
  );

  // Pointers: one drags a period (the brush), two pinch to zoom.
  const pointers = new Map();
  let brush = null;
  let pinch = null;
  const xOf = (e) => e.clientX - axis.getBoundingClientRect().left;
  axis.addEventListener("pointerdown", (e) => {
    // A finger on a mark may start a pinch, but keeps its tap (no capture, no brush).
    const onMark = Boolean(e.target.closest(".mark"));
    if (!view || e.button > 0 || (onMark && e.pointerType !== "touch")) return;
    pointers.set(e.pointerId, xOf(e));
    if (!onMark) axis.setPointerCapture(e.pointerId);
    if (pointers.size === 2) {
      const [a, b] = [...pointers.values()];
      pinch = { distance: Math.abs(a - b) || 1, view: { ...view }, at: (a + b) / 2 };
      if (brush) brush.el.remove();
      brush = null;
    } else if (!onMark) {
      brush = { x0: xOf(e), el: h("div", { class: "brush", "aria-hidden": "true" }) };
    }
  });
  axis.addEventListener("pointermove", (e) => {
    if (!pointers.has(e.pointerId)) return;
    pointers.set(e.pointerId, xOf(e));
    if (pinch && pointers.size === 2) {
      const [a, b] = [...pointers.values()];
      const factor = pinch.distance / (Math.abs(a - b) || 1);
      const pivot = pinch.view.min + (pinch.at / width()) * (pinch.view.max - pinch.view.min);
      setView(pivot - (pivot - pinch.view.min) * factor, pivot + (pinch.view.max - pivot) * factor);
    } else if (brush) {
      const x = xOf(e);
      brush.el.style.left = `${Math.min(x, brush.x0)}px`;
      brush.el.style.width = `${Math.abs(x - brush.x0)}px`;
      if (!brush.el.isConnected) axis.firstChild.append(brush.el);
      brush.x1 = x;
    }
  });
  const release = (e) => {
    if (!pointers.delete(e.pointerId)) return;
    if (pointers.size) return;
    pinch = null;
    if (brush && brush.x1 !== undefined && Math.abs(brush.x1 - brush.x0) > 6 && e.type === "pointerup") {
      const a = timeAt(Math.min(brush.x0, brush.x1));
      const b = timeAt(Math.max(brush.x0, brush.x1));
      onRange(a, b);
    }
    if (brush) brush.el.remove();
    brush = null;
  };
  axis.addEventListener("pointerup", release);
  axis.addEventListener("pointercancel", release);
  new ResizeObserver(() => view && draw()).observe(axis);

  function fit() {
    setView(all.min, all.max);
  }

  return {
    zoom,
    pan,
    fit,
    /** Filter to the period on show. */
    useView: () => onRange(view.min, view.max),
    select(id) {
      selected = id;
      for (const m of axis.querySelectorAll(".mark")) m.classList.toggle("is-selected", m.dataset.ids.split(" ").includes(id));
    },
    /** New events; `span` ([min, max] from the URL) or the densest span opens. */
    show(shown, span, chosen) {
      selected = chosen;
      events = shown.map((e) => ({ ...e, t0: toTime(e.date.start), t1: toTime(e.date.end) + DAY }));
      if (!events.length) {
        view = null;
        draw();
        return;
      }
      all = { min: Math.min(...events.map((e) => e.t0)), max: Math.max(...events.map((e) => e.t1)) };
      const [min, max] = span || densest();
      active = 0;
      setView(min, max, false);
    },
    /** Bring an event's mark into view without changing the zoom, when none of it shows. */
    reveal(id) {
      const e = events.find((x) => x.id === id);
      if (!e || !view || (e.t1 >= view.min && e.t0 <= view.max)) return;
      const span = view.max - view.min;
      const mid = (e.t0 + e.t1) / 2;
      setView(mid - span / 2, mid + span / 2);
    },
  };
}

