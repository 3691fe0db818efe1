import type { ThemeConfig } from 'antd';

export const FONT_STACK = '"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif';

/** Government-office blue, compact radii, system CJK fonts only (no web fonts). */
export const theme: ThemeConfig = {
  token: {
    fontFamily: FONT_STACK,
    colorPrimary: '#1f5fbf',
    borderRadius: 4,
    fontSize: 14,
  },
  components: {
    Layout: { headerBg: '#ffffff', headerHeight: 56, headerPadding: '0 24px', siderBg: '#001529' },
    Table: { headerBg: '#f3f6fa' },
  },
};
