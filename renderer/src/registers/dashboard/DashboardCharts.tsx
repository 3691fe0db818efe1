import { useMemo } from 'react';
import type { ReactNode } from 'react';
import { Card, Col, Empty, Row } from 'antd';
import type { DashboardFigures } from '../../../../electron/api/contract';
import { CADRE_ROLES } from '../../../../electron/domain/cadres';
import { PROJECT_STATUSES } from '../../../../electron/domain/projects';
import { EChart, type EChartOption } from '../../components/EChart';

const tooltip = { trigger: 'item' as const };

function rolesOption(f: DashboardFigures): EChartOption {
  return {
    tooltip,
    grid: { left: 40, right: 16, top: 16, bottom: 32 },
    xAxis: { type: 'category', data: [...CADRE_ROLES] },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', name: '在岗人数', barMaxWidth: 48, data: CADRE_ROLES.map((r) => f.inPostByRole[r] ?? 0), label: { show: true, position: 'top' } }],
  };
}

function contactOption(f: DashboardFigures, intervalDays: number): EChartOption {
  return {
    tooltip,
    legend: { bottom: 0 },
    color: ['#52c41a', '#cf1322'],
    series: [
      {
        type: 'pie',
        name: '外出中流动党员',
        radius: ['40%', '68%'],
        // Inside the ring: outside labels are cut short ("12…") on a narrow card.
        label: { position: 'inside', formatter: '{c}', color: '#fff', fontWeight: 'bold' },
        data: [
          { name: `${intervalDays}天内联系过`, value: f.floatingOut - f.overdue },
          { name: '联系超期', value: f.overdue },
        ],
      },
    ],
  };
}

function projectsOption(f: DashboardFigures): EChartOption {
  return {
    tooltip,
    legend: { bottom: 0 },
    series: [
      {
        type: 'pie',
        name: '项目状态',
        radius: '62%',
        label: { position: 'inside', formatter: '{c}', color: '#fff', fontWeight: 'bold' },
        data: PROJECT_STATUSES.map((s) => ({ name: s, value: f.projectsByStatus[s] ?? 0 })).filter((x) => x.value > 0),
      },
    ],
  };
}

const chartOrEmpty = (has: boolean, chart: ReactNode, empty: string) =>
  has ? (
    chart
  ) : (
    <div style={{ height: 260, display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />
    </div>
  );

/** What people would rather look at than read: cadres by role, contact status, projects by status. */
export function DashboardCharts({ figures, intervalDays }: { figures: DashboardFigures; intervalDays: number }) {
  const roles = useMemo(() => rolesOption(figures), [figures]);
  const contact = useMemo(() => contactOption(figures, intervalDays), [figures, intervalDays]);
  const projects = useMemo(() => projectsOption(figures), [figures]);
  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
      <Col xs={24} lg={8}>
        <Card size="small" title="在岗驻村干部（按角色）">
          <EChart option={roles} label="在岗驻村干部按角色柱状图" />
        </Card>
      </Col>
      <Col xs={24} lg={8}>
        <Card size="small" title="外出中流动党员联系情况">
          {chartOrEmpty(figures.floatingOut > 0, <EChart option={contact} label="外出中流动党员联系情况饼图" />, '暂无外出中的流动党员')}
        </Card>
      </Col>
      <Col xs={24} lg={8}>
        <Card size="small" title="一村一项目（按状态）">
          {chartOrEmpty(Object.keys(figures.projectsByStatus).length > 0, <EChart option={projects} label="项目按状态饼图" />, '暂无项目')}
        </Card>
      </Col>
    </Row>
  );
}
