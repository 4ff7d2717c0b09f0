/**
 * A uPlot line chart fed from live data. The page must stay responsive while a run trains, so
 * drawing is kept small and spread out:
 * - new data is pulled with `data()` and drawn at most once per animation frame however often
 *   `version` moves, and the charts of the panel take turns (one chart per frame, see
 *   `frameQueue.ts`), so two redraws never share a task;
 * - nothing is drawn while the chart is hidden (a folded dock): it catches up, once, when shown;
 * - a series added to the chart (an eval curve appearing mid-run) is added to the existing
 *   plot instead of building a new one;
 * - the plot is built in a frame too, never in the task that delivered the progress batch.
 */
import { useCallback, useEffect, useLayoutEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { chartFrames } from './frameQueue.ts';

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
  /** Any change schedules one redraw on a coming animation frame. */
  readonly version: number;
  readonly height?: number;
  readonly logY?: boolean;
  readonly testId?: string;
}

function seriesOptions(s: ChartSeries): uPlot.Series {
  return { label: s.label, stroke: s.stroke, width: 1.5, spanGaps: true, ...(s.dash ? { dash: [...s.dash] } : {}) };
}

/** Whether `next` is `prev` with series appended (then they are added, not rebuilt). */
function extendsSeries(prev: readonly ChartSeries[], next: readonly ChartSeries[]): boolean {
  return next.length >= prev.length && prev.every((s, i) => JSON.stringify(s) === JSON.stringify(next[i]));
}

/** A live chart. */
export function LiveChart({ title, series, data, version, height = 160, logY = false, testId }: LiveChartProps) {
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
  const schedule = useCallback((): void => {
    chartFrames.schedule(owner.current, () => {
      flush.current();
    });
  }, []);

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
      plot.current?.destroy();
      plot.current = null;
      shown.current = [];
      stale.current = true;
    };
  }, [schedule]);

  useEffect(() => {
    stale.current = true;
    schedule();
  }, [version, schedule]);

  return <div ref={host} className="nw-run-chart" data-testid={testId} />;
}
