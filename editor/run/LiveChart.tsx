/**
 * A uPlot line chart fed from live data. uPlot is created once per set of series; new data is
 * pulled with `data()` and drawn at most once per animation frame, however often `version`
 * moves, so long, fast runs stay smooth (the data itself is bounded by the curve buffers).
 */
import { useEffect, useLayoutEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

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
  /** Any change schedules one redraw on the next animation frame. */
  readonly version: number;
  readonly height?: number;
  readonly logY?: boolean;
  readonly testId?: string;
}

/** A live chart. */
export function LiveChart({ title, series, data, version, height = 160, logY = false, testId }: LiveChartProps) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const frame = useRef(0);
  const pull = useRef(data);
  useLayoutEffect(() => {
    pull.current = data;
  }, [data]);
  const seriesKey = JSON.stringify(series);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const lines: ChartSeries[] = JSON.parse(seriesKey) as ChartSeries[];
    const u = new uPlot(
      {
        title,
        width: Math.max(200, el.clientWidth),
        height,
        legend: { live: false },
        cursor: { drag: { x: true, y: false } },
        // uPlot's Distr is an ambient const enum, unusable under isolatedModules: 3 is Logarithmic.
        // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment
        scales: { x: { time: false }, y: logY ? { distr: 3 } : {} },
        axes: [{ label: 'step' }, {}],
        series: [{ label: 'step' }, ...lines.map((s) => ({ label: s.label, stroke: s.stroke, width: 1.5, spanGaps: true, ...(s.dash ? { dash: [...s.dash] } : {}) }))],
      },
      pull.current(),
      el,
    );
    plot.current = u;
    el.dataset.points = String(u.data[0].length);
    el.dataset.series = String(lines.length);
    const resize = new ResizeObserver(() => {
      u.setSize({ width: Math.max(200, el.clientWidth), height });
    });
    resize.observe(el);
    return () => {
      resize.disconnect();
      cancelAnimationFrame(frame.current);
      frame.current = 0;
      u.destroy();
      plot.current = null;
    };
  }, [seriesKey, title, height, logY]);

  useEffect(() => {
    if (frame.current !== 0) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      const u = plot.current;
      if (!u) return;
      const d = pull.current();
      u.setData(d);
      if (host.current) host.current.dataset.points = String(d[0].length);
    });
  }, [version]);

  return <div ref={host} className="nw-run-chart" data-testid={testId} />;
}
