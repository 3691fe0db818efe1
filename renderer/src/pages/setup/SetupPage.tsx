import { useState } from 'react';
import { App, Card, Form, Radio, Steps, Typography } from 'antd';
import type { OfficialVillage } from '../../../../electron/api/contract';
import { divisionDigits } from '../../../../electron/domain/divisionCodes';
import { applyFieldErrors, call, reportError, showError } from '../../api/client';
import { defaultSelection } from '../../components/OfficialVillagesTable';
import { useAppStore } from '../../stores/appStore';
import { DistrictSummary, VillageImportStep } from './SetupSteps';
import { UnitForm, type UnitValues } from './UnitForm';
import { VillagePackageSetup } from './VillagePackageSetup';

/**
 * First run: record the unit (township or district) and optionally import its official villages;
 * or set up a 驻村版 from the village package its township made.
 */
export function SetupPage() {
  const { message } = App.useApp();
  const loadStatus = useAppStore((s) => s.loadStatus);
  const [form] = Form.useForm<UnitValues>();
  const [step, setStep] = useState(0);
  const [unit, setUnit] = useState<UnitValues | null>(null);
  const [villages, setVillages] = useState<OfficialVillage[]>([]);
  const [selected, setSelected] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [kind, setKind] = useState<'unit' | 'village'>('unit');

  async function next(values: UnitValues) {
    const v = { ...values, code: divisionDigits(values.code), name: values.name.trim(), operator: values.operator.trim() };
    setBusy(true);
    try {
      if (v.role === 'township') {
        const rows = await call('setup.officialVillages', { code: v.code });
        setVillages(rows);
        setSelected(defaultSelection(rows));
      }
      setUnit(v);
      setStep(1);
    } catch (err) {
      reportError(form, err);
    } finally {
      setBusy(false);
    }
  }

  async function complete(importVillages: string[]) {
    if (!unit) return;
    setBusy(true);
    try {
      await call('setup.complete', { ...unit, importVillages });
      void message.success(importVillages.length ? `初始设置完成，已导入 ${importVillages.length} 个村（社区）` : '初始设置完成');
      await loadStatus();
    } catch (err) {
      setBusy(false);
      if (applyFieldErrors(form, err)) setStep(0);
      else showError(err);
    }
  }

  return (
    <div className="full-center" style={{ padding: 24 }}>
      <Card style={{ width: 860, maxWidth: '100%' }}>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          初始设置
        </Typography.Title>
        <Typography.Paragraph type="secondary">
          首次使用请填写本单位信息。设置完成后不能更改单位类型和区划代码。
        </Typography.Paragraph>
        <Radio.Group
          aria-label="本机用途"
          optionType="button"
          buttonStyle="solid"
          style={{ marginBottom: 16 }}
          value={kind}
          disabled={busy}
          onChange={(e) => setKind(e.target.value as 'unit' | 'village')}
          options={[
            { label: '乡镇或区县台账', value: 'unit' },
            { label: '驻村版（驻村工作队）', value: 'village' },
          ]}
        />
        {kind === 'village' && <VillagePackageSetup />}
        <div hidden={kind !== 'unit'}>
          <Steps
            current={step}
            style={{ margin: '8px 0 24px' }}
            items={[{ title: '单位信息' }, { title: unit?.role === 'district' ? '确认设置' : '导入村（社区）名单' }]}
          />
          <div hidden={step !== 0}>
            <UnitForm form={form} busy={busy} onNext={(v) => void next(v)} />
          </div>
          {step === 1 && unit?.role === 'township' && (
            <VillageImportStep
              unit={unit}
              villages={villages}
              selected={selected}
              onSelect={setSelected}
              busy={busy}
              onBack={() => setStep(0)}
              onComplete={(codes) => void complete(codes)}
            />
          )}
          {step === 1 && unit?.role === 'district' && (
            <DistrictSummary unit={unit} busy={busy} onBack={() => setStep(0)} onComplete={() => void complete([])} />
          )}
        </div>
      </Card>
    </div>
  );
}
