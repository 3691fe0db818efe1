/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import type { Page } from 'playwright-core';

/**
 * What a clerk at 1366×768 cannot read, found in the live page: text or controls cut off by the
 * window's edge (unless inside something that scrolls to them), two pieces of text or controls
 * drawn over each other, and text squeezed to one character per line (a heading that wraps
 * 导/出/时/间). Each finding names the element by its text so a failure says what to fix.
 */
export async function layoutProblems(page: Page, scope = 'body'): Promise<string[]> {
  return page.evaluate((scopeSelector) => {
    const out: string[] = [];
    const root = document.querySelector(scopeSelector);
    if (!root) return [`未找到 ${scopeSelector}`];
    const vw = window.innerWidth;
    const vh = window.innerHeight;
    const name = (e: Element) => `${e.tagName.toLowerCase()}${e.className && typeof e.className === 'string' ? '.' + e.className.split(/\s+/).filter(Boolean).slice(0, 2).join('.') : ''}「${(e.textContent ?? (e as HTMLInputElement).value ?? '').trim().slice(0, 24)}」`;
    const visible = (e: Element) => {
      const st = getComputedStyle(e);
      if (st.visibility === 'hidden' || st.display === 'none' || Number(st.opacity) === 0) return false;
      const r = e.getBoundingClientRect();
      return r.width > 1 && r.height > 1;
    };
    // Leaves a clerk reads or uses: elements with their own text, and form controls.
    const leaves: Element[] = [];
    for (const e of root.querySelectorAll('*')) {
      if (e.closest('svg, .ant-tooltip, .ant-select-dropdown, .ant-picker-dropdown, [aria-hidden="true"], .ant-table-measure-row, .ant-scrollbar')) continue;
      // A select's search input lies over its placeholder by design; a switch slides its other label out of sight.
      if (e.matches('.ant-select input, .ant-switch-inner-checked, .ant-switch-inner-unchecked') || e.closest('.ant-switch-inner-checked, .ant-switch-inner-unchecked')) continue;
      const ownText = [...e.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '');
      const control = e.matches('input:not([type=hidden]):not([type=radio]):not([type=checkbox]), textarea, button');
      if ((ownText || control) && visible(e)) leaves.push(e);
    }
    /** The nearest ancestor that clips or scrolls its content, whose box is where the element may be seen. */
    const clipOf = (e: Element): Element | null => {
      for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
        const st = getComputedStyle(p);
        if (/(auto|scroll|hidden|clip)/.test(st.overflowX + st.overflowY)) return p;
      }
      return null;
    };
    /** Where the element's own text is drawn (a block's box is wider than its words), or its box for a control. */
    const boxOf = (e: Element): DOMRect => {
      if (e.matches('input, textarea, button')) return e.getBoundingClientRect();
      const range = document.createRange();
      let box: DOMRect | null = null;
      for (const n of e.childNodes) {
        if (n.nodeType !== Node.TEXT_NODE || !(n.textContent ?? '').trim()) continue;
        range.selectNodeContents(n);
        const r = range.getBoundingClientRect();
        box = box ? new DOMRect(Math.min(box.left, r.left), Math.min(box.top, r.top), Math.max(box.right, r.right) - Math.min(box.left, r.left), Math.max(box.bottom, r.bottom) - Math.min(box.top, r.top)) : r;
      }
      return box ?? e.getBoundingClientRect();
    };
    /** The part of the box actually seen: cut by the element itself (ellipsis) and every ancestor that clips. */
    const seenOf = (e: Element): DOMRect => {
      let { left, top, right, bottom } = boxOf(e);
      for (let p: Element | null = e; p && p !== document.body; p = p.parentElement) {
        const st = getComputedStyle(p);
        if (p !== e || st.textOverflow === 'ellipsis') {
          if (!/(auto|scroll|hidden|clip)/.test(st.overflowX + st.overflowY) && p !== e) continue;
          const c = p.getBoundingClientRect();
          left = Math.max(left, c.left);
          top = Math.max(top, c.top);
          right = Math.min(right, c.right);
          bottom = Math.min(bottom, c.bottom);
        }
      }
      return new DOMRect(left, top, Math.max(0, right - left), Math.max(0, bottom - top));
    };
    /** Inside a table that scrolls sideways: its columns are reached by scrolling (the key ones are checked by layout1366). */
    const inScrollingTable = (e: Element) => {
      const t = e.closest('.ant-table');
      const body = t?.querySelector('.ant-table-body, .ant-table-content, .ant-table-tbody-virtual-holder');
      return !!t?.querySelector('.ant-table-tbody-virtual-scrollbar-horizontal') || (!!body && body.scrollWidth > body.clientWidth + 1);
    };
    for (const e of leaves) {
      const r = boxOf(e);
      const clip = clipOf(e);
      if (!clip) {
        if (r.left < -1 || r.right > vw + 1) out.push(`超出窗口左右边缘：${name(e)}`);
        const fixed = e.closest('.ant-modal, .ant-drawer-content, .ant-layout-sider');
        if (fixed && (r.top < -1 || r.bottom > vh + 1) && getComputedStyle(fixed).position === 'fixed') out.push(`超出窗口上下边缘：${name(e)}`);
      } else {
        const c = clip.getBoundingClientRect();
        const st = getComputedStyle(clip);
        // Inside something that scrolls the reader can reach it; only a hard clip hides it.
        const scrollsX = /(auto|scroll)/.test(st.overflowX);
        const hidden = st.overflowX === 'hidden' || st.overflowX === 'clip';
        const ellipsis = getComputedStyle(e).textOverflow === 'ellipsis' || e.closest('[class*="ellipsis"]');
        if (hidden && !scrollsX && !ellipsis && !inScrollingTable(e) && (r.left < c.left - 1 || r.right > c.right + 1)) out.push(`被容器截断：${name(e)}`);
        // A scroller that itself reaches past the window hides what lies beyond the edge.
        if (c.right > vw + 1 && !clipOf(clip)) out.push(`可滚动区域超出窗口：${name(clip)}`);
      }
      // Text squeezed to one character per line.
      const text = (e.textContent ?? '').trim();
      const fs = parseFloat(getComputedStyle(e).fontSize) || 14;
      if (text.length >= 3 && r.width < fs * 1.8 && r.height > fs * 2.6 && !e.matches('input, textarea')) out.push(`文字被挤成一字一行：${name(e)}`);
    }
    // Two leaves drawn over each other (neither inside the other).
    const boxes = leaves.map((e) => ({ e, r: seenOf(e), fixed: !!e.closest('.ant-table-cell-fix, .ant-table-cell-fix-left, .ant-table-cell-fix-right') && inScrollingTable(e) }));
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!;
        const b = boxes[j]!;
        if (a.e.contains(b.e) || b.e.contains(a.e)) continue;
        // A fixed column stays over the columns scrolled beneath it: they are read by scrolling.
        if (a.fixed !== b.fixed && a.e.closest('.ant-table') === b.e.closest('.ant-table')) continue;
        const w = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
        const h = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
        if (w > 3 && h > 3) {
          out.push(`重叠：${name(a.e)} 与 ${name(b.e)}`);
        }
      }
    }
    // A name a screen reader speaks in English (antd's icons name themselves "search", "close"…).
    for (const e of root.querySelectorAll('[aria-label]')) {
      if (e.closest('[aria-hidden="true"]')) continue;
      const label = e.getAttribute('aria-label') ?? '';
      if (/[A-Za-z]{2,}/.test(label) && !/[\u4e00-\u9fff]/.test(label)) out.push(`英文无障碍名称：${e.tagName.toLowerCase()}「${label}」`);
    }
    return [...new Set(out)];
  }, scope);
}
