/**
 * A uPlot line chart fed from live data. The page must stay responsive while a run trains, so
 * drawing is kept small, rare and spread out:
 * - data changes arrive through `subscribe`, outside React: a progress batch re-renders no
 *   chart component, it only marks the chart stale;
 * - a stale chart redraws (pulling `data()`) at most once per {@link CHART_MIN_INTERVAL_MS},
 *   in an animation frame, and the panel's charts take turns (one chart per frame, see
 *   `frameQueue.ts`), so two redraws never share a task;
 * - nothing is drawn while the chart is hidden (a folded dock): it catches up, once, when shown;
 * - a series added to the chart (an eval curve appearing mid-run) is added to the existing
 *   plot instead of building a new one; the plot is built in a frame too, never in the task
 *   that delivered a progress batch.
 */
import { useCallback, useEffect, useLayoutEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { CHART_MIN_INTERVAL_MS, chartFrames } from './frameQueue.ts';

/** One line of a chart. */
export interface ChartSeries {
  readonly label: string;
  readonly stroke: string;
  readonly dash?: readonly number[];
}

/** Props of {@link LiveChart}. */
export interface LiveChartProps {
  readonly title: string;
  readonly series: readonly ChartSeries[];
  /** Aligned data `[x, ...ys]`; called when a redraw is due. */
  readonly data: () => uPlot.AlignedData;
  /**
   * Calls `onChange` whenever the data moved (returns the unsubscribe function). Without it
   * the chart draws its data once (a new `data` function redraws it).
   */
  readonly subscribe?: (onChange: () => void) => () => void;
  readonly height?: number;
  readonly logY?: boolean;
  readonly testId?: string;
}


/** How long past the interval a chart waits for another move before drawing the last one alone. */
const CHART_TRAILING_MS = 250;

function seriesOptions(s: ChartSeries): uPlot.Series {
  return { label: s.label, stroke: s.stroke, width: 1.5, spanGaps: true, ...(s.dash ? { dash: [...s.dash] } : {}) };
}

let warmed = false;

/**
 * Builds, draws and drops a throwaway chart off screen when the page is next idle, once per
 * page. The first uPlot a page builds runs cold code: measured in headless Chromium, ~100–160 ms
 * for the first build and ~30 ms for its first redraw, against ~8 ms and ~1–2 ms warm. The panel
 * calls this when it mounts, so that cost is paid while nothing trains instead of in the first
 * frames of the first run. Returns a function that cancels it if it has not run.
 */
export function warmUpCharts(): () => void {
  if (warmed || typeof window === 'undefined') return () => undefined;
  const run = (): void => {
    if (warmed) return;
    warmed = true;
    const el = document.createElement('div');
    el.style.cssText = 'position:fixed;left:-10000px;top:0;width:600px;visibility:hidden';
    document.body.appendChild(el);
    const x = Array.from({ length: 64 }, (_, i) => i + 1);
    const y = x.map((v) => 1 / v);
    const u = new uPlot(
      {
        width: 600,
        height: 120,
        legend: { live: false },
        // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment
        scales: { x: { time: false }, y: { distr: 3 } },
        series: [{}, seriesOptions({ label: 'a', stroke: '#000' }), seriesOptions({ label: 'b', stroke: '#000', dash: [4, 3] })],
      },
      [x, y, y.map((v, i) => (i % 8 === 0 ? v : null))],
      el,
    );
    u.setData([x, y.map((v) => v * 2), y]);
    // uPlot draws in a microtask; drop the chart after it.
    queueMicrotask(() => {
      queueMicrotask(() => {
        u.destroy();
        el.remove();
      });
    });
  };
  if (typeof window.requestIdleCallback === 'function') {
    const handle = window.requestIdleCallback(run, { timeout: 3000 });
    return () => {
      window.cancelIdleCallback(handle);
    };
  }
  const timer = setTimeout(run, 500);
  return () => {
    clearTimeout(timer);
  };
}

/** Whether `next` is `prev` with series appended (then they are added, not rebuilt). */
function extendsSeries(prev: readonly ChartSeries[], next: readonly ChartSeries[]): boolean {
  return next.length >= prev.length && prev.every((s, i) => JSON.stringify(s) === JSON.stringify(next[i]));
}

/** A live chart. */
export function LiveChart({ title, series, data, subscribe, height = 160, logY = false, testId }: LiveChartProps) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  /** Series the plot shows (or will show once built). */
  const shown = useRef<readonly ChartSeries[]>([]);
  /** Content width from the ResizeObserver (0 while hidden); read here to avoid forcing layout. */
  const width = useRef(0);
  /** Data moved since the last draw. */
  const stale = useRef(true);
  const pull = useRef(data);
  useLayoutEffect(() => {
    pull.current = data;
  }, [data]);
  const seriesKey = JSON.stringify(series);
  const optionsKey = JSON.stringify([title, height, logY]);
  /** The `optionsKey` the plot was built with. */
  const builtWith = useRef('');

  // The frame job: builds the plot or brings it up to date; nothing while hidden.
  const flush = useRef<() => void>(() => undefined);
  useLayoutEffect(() => {
    flush.current = () => {
      const el = host.current;
      const w = Math.max(200, Math.round(width.current));
      if (!el || width.current <= 0) return;
      lastDraw.current = performance.now();
      let u = plot.current;
      if (!u) {
        u = new uPlot(
          {
            title,
            width: w,
            height,
            legend: { live: false },
            cursor: { drag: { x: true, y: false } },
            // uPlot's Distr is an ambient const enum, unusable under isolatedModules: 3 is Logarithmic.
            // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment
            scales: { x: { time: false }, y: logY ? { distr: 3 } : {} },
            axes: [{ label: 'step' }, {}],
            series: [{ label: 'step' }, ...shown.current.map(seriesOptions)],
          },
          pull.current(),
          el,
        );
        plot.current = u;
        builtWith.current = optionsKey;
        stale.current = false;
      } else {
        const chart = u;
        chart.batch(() => {
          if (chart.width !== w) chart.setSize({ width: w, height });
          if (stale.current) {
            stale.current = false;
            chart.setData(pull.current());
          }
        });
      }
      el.dataset.points = String(u.data[0].length);
      el.dataset.series = String(u.series.length - 1);
    };
  }, [title, height, logY, optionsKey]);

  const owner = useRef({});
  /** When the chart last drew (`performance.now()`), and the timer that waits out the interval. */
  const lastDraw = useRef(-Infinity);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  /** Draws on a coming frame (now, for a new plot or a resize). */
  const schedule = useCallback((): void => {
    clearTimeout(timer.current);
    timer.current = undefined;
    chartFrames.schedule(owner.current, () => {
      flush.current();
    });
  }, []);
  /**
   * Data moved: draws on the coming frame when the interval since the last draw has passed,
   * else waits for a later move. Moves come with progress batches, whose text repaints anyway:
   * drawing in that same frame costs the chart's own work only, not another frame's layout,
   * paint and commit. A trailing timer draws the last move when no other follows (a run's end).
   */
  const dataMoved = useCallback((): void => {
    stale.current = true;
    const since = performance.now() - lastDraw.current;
    if (since >= CHART_MIN_INTERVAL_MS) {
      schedule();
      return;
    }
    timer.current ??= setTimeout(schedule, CHART_MIN_INTERVAL_MS - since + CHART_TRAILING_MS);
  }, [schedule]);

  // The plot's options: series appended go onto the plot; anything else rebuilds it.
  useEffect(() => {
    const next = JSON.parse(seriesKey) as ChartSeries[];
    const u = plot.current;
    if (u && builtWith.current === optionsKey && extendsSeries(shown.current, next)) {
      for (const s of next.slice(shown.current.length)) u.addSeries(seriesOptions(s));
    } else if (u) {
      u.destroy();
      plot.current = null;
    }
    shown.current = next;
    stale.current = true;
    schedule();
  }, [seriesKey, optionsKey, schedule]);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const owned = owner.current;
    const resize = new ResizeObserver((entries) => {
      const w = entries[entries.length - 1]?.contentRect.width ?? 0;
      if (w === width.current) return;
      width.current = w;
      schedule();
    });
    resize.observe(el);
    return () => {
      resize.disconnect();
      chartFrames.cancel(owned);
      clearTimeout(timer.current);
      timer.current = undefined;
      plot.current?.destroy();
      plot.current = null;
      shown.current = [];
      stale.current = true;
    };
  }, [schedule]);

  // A new data function (another run, another selection) draws now; later moves are throttled.
  useEffect(() => {
    stale.current = true;
    schedule();
  }, [data, schedule]);

  useEffect(() => subscribe?.(dataMoved), [subscribe, dataMoved]);

  return <div ref={host} className="nw-run-chart" data-testid={testId} />;
}
