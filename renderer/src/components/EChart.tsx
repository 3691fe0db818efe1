import { useEffect, useRef, useState } from 'react';
import type { BarSeriesOption, PieSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption, ECharts } from 'echarts/core';

export type EChartOption = ComposeOption<BarSeriesOption | PieSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

const FONT = '"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif';

/** Within this distance of the visible area a chart's code is loaded and it is drawn. */
const NEAR = '300px';

/**
 * One ECharts instance on a div: created when the div first comes near the visible area, given
 * each new option whole, resized with its box, disposed on unmount. `label` names the chart for
 * screen readers (the canvas says nothing).
 *
 * Not drawn until it is about to be seen: on the 首页 the charts sit two screens below the fold
 * (at 1366×768), and loading, compiling and drawing ECharts (~0.6 s of the page's main thread on
 * the shared 2-core test machine) right after the figures came in held up the register a clerk
 * clicks on meanwhile. The box keeps its height, so nothing moves when the chart appears.
 */
export function EChart({ option, label, height = 260 }: { option: EChartOption; label: string; height?: number }) {
  const box = useRef<HTMLDivElement>(null);
  const [chart, setChart] = useState<ECharts | null>(null);

  useEffect(() => {
    const el = box.current!;
    let disposed = false;
    let made: ECharts | null = null;
    let resize: ResizeObserver | null = null;
    const draw = async () => {
      const { init } = await import('./echartsCore');
      if (disposed) return;
      const c = init(el, undefined, { renderer: 'canvas' });
      made = c;
      resize = new ResizeObserver(() => c.resize());
      resize.observe(el);
      setChart(c);
    };
    const near = new IntersectionObserver(
      (entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        near.disconnect();
        void draw();
      },
      { rootMargin: NEAR },
    );
    near.observe(el);
    return () => {
      disposed = true;
      near.disconnect();
      resize?.disconnect();
      made?.dispose();
    };
  }, []);

  useEffect(() => {
    chart?.setOption({ textStyle: { fontFamily: FONT }, ...option }, true);
  }, [chart, option]);

  return <div ref={box} role="img" aria-label={label} style={{ width: '100%', height }} />;
}
