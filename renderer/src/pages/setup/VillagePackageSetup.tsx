import { useState } from 'react';
import { Alert, App, Button, Checkbox, Descriptions, Form, Input, Space, Typography } from 'antd';
import type { VillagePackageInfo } from '../../../../electron/api/contract';
import { call, errorMessage, showError } from '../../api/client';
import { PickFile } from '../../registers/sync/PickFile';
import { useAppStore } from '../../stores/appStore';

type Upload = { fileName: string; base64: string };

/**
 * 驻村版 setup: the team picks the package the township made, reads the township's fingerprint
 * back to the township by phone, and only then completes setup.
 */
export function VillagePackageSetup() {
  const { message } = App.useApp();
  const loadStatus = useAppStore((s) => s.loadStatus);
  const [file, setFile] = useState<Upload | null>(null);
  const [info, setInfo] = useState<VillagePackageInfo | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [operator, setOperator] = useState('');
  const [checked, setChecked] = useState(false);
  const [busy, setBusy] = useState(false);

  async function pick(f: Upload) {
    setBusy(true);
    setInfo(null);
    setChecked(false);
    setRefusal(null);
    try {
      setInfo(await call('setup.inspectVillagePackage', { file: f }));
      setFile(f);
    } catch (err) {
      setFile(null);
      setRefusal(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  async function complete() {
    if (!file || !info) return;
    setBusy(true);
    try {
      await call('setup.completeVillage', { file, fingerprint: info.fingerprint, operator: operator.trim() });
      void message.success(`驻村版设置完成：${info.village.name}`);
      await loadStatus();
    } catch (err) {
      setBusy(false);
      showError(err);
    }
  }

  return (
    <div style={{ maxWidth: 640 }}>
      <Typography.Paragraph>
        请选择乡镇（街道）在“村（社区）”中为本村生成的驻村版配置包（.tlvillage 文件）。设置后，本机可填写本村驻村干部的驻村日志、流动党员联系记录和项目进展，其余数据只读。
      </Typography.Paragraph>
      <PickFile label={file ? '重新选择配置包' : '选择配置包'} accept=".tlvillage" disabled={busy} onFile={(f) => void pick(f)} />
      {refusal && <Alert type="error" showIcon style={{ marginTop: 16 }} message="不能使用此文件" description={refusal} />}
      {info && (
        <>
          <Descriptions
            bordered
            column={1}
            size="small"
            style={{ marginTop: 16 }}
            items={[
              { key: 'township', label: '乡镇（街道）', children: `${info.township.name}（${info.township.code}）` },
              { key: 'village', label: '村（社区）', children: info.village.code ? `${info.village.name}（${info.village.code}）` : info.village.name },
              { key: 'cadres', label: '在岗驻村干部', children: info.cadres.map((c) => `${c.name}（${c.role}）`).join('、') },
              { key: 'counts', label: '流动党员 / 项目', children: `${info.members} 名 / ${info.projects} 个` },
              { key: 'made', label: '生成时间', children: info.createdAt.slice(0, 10) },
              {
                key: 'fp',
                label: '乡镇密钥指纹',
                children: (
                  <Typography.Text strong style={{ fontFamily: 'monospace', fontSize: 16 }} data-testid="township-fingerprint">
                    {info.fingerprint}
                  </Typography.Text>
                ),
              },
            ]}
          />
          <Alert
            type="warning"
            showIcon
            style={{ marginTop: 16 }}
            message="请给乡镇（街道）党建办打电话，逐组念出上面的指纹，对方核对一致后再继续"
            description="指纹不一致说明配置包不是本乡镇生成的或被改动过，请不要使用。"
          />
          <Form layout="vertical" style={{ marginTop: 16 }} onFinish={() => void complete()}>
            <Form.Item label="操作员姓名" required>
              <Input value={operator} count={{ show: true, max: 30 }} placeholder="如 驻村第一书记本人" onChange={(e) => setOperator(e.target.value)} />
            </Form.Item>
            <Form.Item>
              <Checkbox checked={checked} onChange={(e) => setChecked(e.target.checked)}>
                已与乡镇电话核对，指纹一致
              </Checkbox>
            </Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" loading={busy} disabled={!checked || !operator.trim()}>
                完成设置
              </Button>
            </Space>
          </Form>
        </>
      )}
    </div>
  );
}
