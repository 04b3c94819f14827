// One stock's balance over a period as a step line, drawn by uPlot: small
// (about 50 kB), fast on thousands of points, canvas-based, and it styles
// its elements through the CSSOM only, so it runs under the app's strict
// CSP (no inline styles or scripts). Hovering shows the date and balance in
// the legend; with the keyboard, the chart takes focus and the left and
// right arrow keys step through the changes, each read out in a live region.
//
// uPlot (and its style sheet) loads when the first chart is drawn, not
// while the window starts: the chart is laid out at once, the plot is
// painted into it a moment later, and the keys and readout work from the
// start.
import type uPlotType from "uplot";
import { h } from "../dom";
import { day, quantity } from "../format";
import { t } from "../i18n";
import type { BalancePoint } from "../ipc";

let plotter: Promise<typeof uPlotType> | null = null;

/** uPlot and its style sheet, loaded once, when the first chart is drawn. */
function loadPlotter(): Promise<typeof uPlotType> {
  plotter ??= Promise.all([import("uplot"), import("uplot/dist/uPlot.min.css")]).then(([m]) => m.default);
  return plotter;
}

const isoOf = (seconds: number) => new Date(seconds * 1000).toISOString().slice(0, 10);

/** `points` from the core (the balance on the first day, then each change), drawn to `until`. */
export function balanceChart(points: BalancePoint[], until: string): HTMLElement {
  // The line runs on to the period's last day at the last balance; the
  // extra point is drawn, not read out.
  const drawn = points[points.length - 1]?.date < until ? [...points, { date: until, balance: points[points.length - 1].balance }] : points;
  const xs = drawn.map((p) => Date.parse(`${p.date}T00:00:00Z`) / 1000);
  // A balance beyond 2^53 shares loses digits on the chart only; the
  // readout and the tables keep every digit.
  const ys = drawn.map((p) => Number(p.balance));
  const readout = h("p", { class: "chart-readout", id: "chart-readout", "aria-live": "polite" });
  const plotArea = h("div", { class: "chart-plot" });
  const chart = h(
    "div",
    {
      class: "chart",
      id: "balance-chart",
      tabindex: "0",
      role: "group",
      "aria-label": t("chart-title"),
      "aria-describedby": "chart-keys",
      "data-points": String(points.length),
    },
    plotArea,
    h("p", { class: "hint", id: "chart-keys" }, t("chart-keys")),
    readout,
  );
  let plot: uPlotType | null = null;
  // The palette's colours (light, dark or high contrast: style.css).
  const colour = (name: string) => getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  // The grid dashed and lighter than the balance's line, so the two never
  // merge (in high contrast both would be black).
  const axis = { stroke: colour("--ink"), grid: { stroke: colour("--chart-grid"), dash: [3, 3] }, ticks: { stroke: colour("--chart-grid") } };
  void loadPlotter().then((uPlot) => {
    plot = new uPlot(
    {
      // As wide as the results area (the chart is made before it is placed).
      width: Math.max(320, Math.min(960, (document.getElementById("results")?.clientWidth ?? 660) - 20)),
      height: 260,
      scales: { x: { time: false } },
      legend: { show: true },
      cursor: { drag: { x: false, y: false } },
      axes: [
        { ...axis, values: (_u, ticks) => ticks.map((v) => day(isoOf(v))), space: 130 },
        { ...axis, values: (_u, ticks) => ticks.map((v) => quantity(String(Math.round(v)))), size: 90 },
      ],
      series: [
        { label: t("col-date"), value: (_u, v) => (v === null ? "" : day(isoOf(v))) },
        {
          label: t("col-balance"),
          stroke: colour("--chart"),
          width: 3,
          fill: colour("--chart-fill"),
          paths: uPlot.paths.stepped!({ align: 1 }),
          points: { show: true, size: 6 },
          value: (_u, v) => (v === null ? "" : quantity(String(Math.round(v)))),
        },
      ],
    },
    [xs, ys],
    plotArea,
  );
  });
  let at = points.length - 1;
  if (!points.length) return chart;
  const say = (i: number) => {
    at = Math.max(0, Math.min(points.length - 1, i));
    const p = points[at];
    readout.textContent = t("chart-readout", { date: day(p.date), balance: quantity(p.balance) });
    plot?.setCursor({ left: plot.valToPos(xs[at], "x"), top: plot.valToPos(ys[at], "y") });
  };
  chart.addEventListener("keydown", (e: KeyboardEvent) => {
    const moves: Record<string, number> = { ArrowLeft: at - 1, ArrowRight: at + 1, Home: 0, End: points.length - 1 };
    if (e.key in moves) {
      e.preventDefault();
      say(moves[e.key]);
    }
  });
  chart.addEventListener("focus", () => say(at));
  return chart;
}
