import { useEffect, useState } from 'react';
import { App, Button, Card, Form, Input, Space, Tag, Typography } from 'antd';
import type { LockStatus } from '../../../../electron/api/contract';
import { call, reportError, showError } from '../../api/client';
import { LOCK_CHANGED } from '../../components/IdleLock';
import { WholeNumber } from '../../components/WholeNumber';

type Mode = 'enable' | 'change' | 'disable' | null;

const FIELDS: Record<Exclude<Mode, null>, { name: string; label: string }[]> = {
  enable: [
    { name: 'password', label: '锁定密码' },
    { name: 'confirm', label: '再次输入密码' },
  ],
  change: [
    { name: 'oldPassword', label: '原密码' },
    { name: 'password', label: '新密码' },
    { name: 'confirm', label: '再次输入新密码' },
  ],
  disable: [{ name: 'password', label: '当前密码' }],
};

/** 安全: the optional app lock (password asked at start and after the idle time). */
export function SecurityCard() {
  const { message } = App.useApp();
  const [lock, setLock] = useState<LockStatus | null>(null);
  const [mode, setMode] = useState<Mode>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<Record<string, string>>();
  const [idleForm] = Form.useForm<{ idleMinutes: number }>();

  useEffect(() => {
    call('lock.status', {})
      .then((s) => {
        setLock(s);
        idleForm.setFieldsValue({ idleMinutes: s.idleMinutes });
      })
      .catch(showError);
  }, [idleForm]);

  /**
   * `withIdle`: the call carried the idle minutes (enable, save), so the field shows what is now
   * saved; a password change or disabling leaves what the clerk typed there and has not saved yet.
   */
  const changed = (s: LockStatus, text: string, withIdle: boolean) => {
    setLock(s);
    setMode(null);
    form.resetFields();
    if (withIdle) idleForm.setFieldsValue({ idleMinutes: s.idleMinutes });
    window.dispatchEvent(new Event(LOCK_CHANGED));
    void message.success(text);
  };

  const submit = async (v: Record<string, string>) => {
    setBusy(true);
    try {
      if (mode === 'enable') changed(await call('lock.enable', { password: v.password!, confirm: v.confirm!, idleMinutes: idleForm.getFieldValue('idleMinutes') ?? 10 }), '已启用锁定密码', true);
      if (mode === 'change') changed(await call('lock.change', { oldPassword: v.oldPassword!, password: v.password!, confirm: v.confirm! }), '密码已修改', false);
      if (mode === 'disable') changed(await call('lock.disable', { password: v.password! }), '已关闭锁定密码', false);
    } catch (err) {
      reportError(form, err);
    } finally {
      setBusy(false);
    }
  };

  const saveIdle = async ({ idleMinutes }: { idleMinutes: number }) => {
    try {
      changed(await call('lock.setIdle', { idleMinutes }), '已保存', true);
    } catch (err) {
      reportError(idleForm, err);
    }
  };

  return (
    <Card title="安全" size="small" style={{ maxWidth: 640, marginTop: 16 }}>
      <Typography.Paragraph>
        锁定密码：{lock?.enabled ? <Tag color="green">已启用</Tag> : <Tag>未启用</Tag>}
        <Typography.Text type="secondary">多人共用的办公电脑可启用：启动时和无人操作一段时间后须输入密码。</Typography.Text>
      </Typography.Paragraph>
      <Form form={idleForm} layout="inline" disabled={!lock} onFinish={(v) => void saveIdle(v)} style={{ marginBottom: 12 }}>
        <Form.Item name="idleMinutes" label="无操作自动锁定" rules={[{ required: true, message: '请填写分钟数' }]}>
          <WholeNumber addonAfter="分钟" style={{ width: 160 }} />
        </Form.Item>
        {lock?.enabled && <Button htmlType="submit">保存</Button>}
      </Form>
      {!mode && (
        <Space>
          {!lock?.enabled && <Button onClick={() => setMode('enable')}>启用锁定密码</Button>}
          {lock?.enabled && <Button onClick={() => setMode('change')}>修改密码</Button>}
          {lock?.enabled && (
            <Button danger onClick={() => setMode('disable')}>
              关闭锁定密码
            </Button>
          )}
        </Space>
      )}
      {mode && (
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} style={{ maxWidth: 320 }} aria-label="锁定密码设置">
          {FIELDS[mode].map((f) => (
            <Form.Item key={f.name} name={f.name} label={f.label} rules={[{ required: true, message: `请填写${f.label}` }]}>
              <Input.Password autoComplete={f.name === 'oldPassword' || mode === 'disable' ? 'current-password' : 'new-password'} />
            </Form.Item>
          ))}
          <Space>
            <Button type="primary" htmlType="submit" loading={busy}>
              确定
            </Button>
            <Button onClick={() => setMode(null)}>取消</Button>
          </Space>
        </Form>
      )}
    </Card>
  );
}
