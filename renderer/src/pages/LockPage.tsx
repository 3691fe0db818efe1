import { useEffect, useState } from 'react';
import { Button, Form, Input, Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { call, reportError } from '../api/client';
import { useAppStore } from '../stores/appStore';
import { markOpened } from '../components/IdleLock';

/** Full-screen lock: nothing of the registers is shown or fetched until the password is given. */
export function LockPage() {
  const loadStatus = useAppStore((s) => s.loadStatus);
  const unit = useAppStore((s) => s.status?.setup);
  const [form] = Form.useForm<{ password: string }>();
  const [busy, setBusy] = useState(false);
  useEffect(markOpened, []);

  const unlock = async ({ password }: { password: string }) => {
    setBusy(true);
    try {
      await call('lock.unlock', { password });
      await loadStatus();
    } catch (err) {
      form.setFieldsValue({ password: '' });
      reportError(form, err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="full-center" role="main" aria-label="程序已锁定">
      <div style={{ width: 320, textAlign: 'center' }}>
        <LockOutlined aria-hidden style={{ fontSize: 48, color: '#1677ff' }} />
        <Typography.Title level={3}>程序已锁定</Typography.Title>
        <Typography.Paragraph type="secondary">{unit ? `${unit.unitName} · ` : ''}请输入锁定密码继续使用</Typography.Paragraph>
        <Form form={form} onFinish={(v) => void unlock(v)}>
          <Form.Item name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password autoFocus placeholder="锁定密码" aria-label="锁定密码" autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            解锁
          </Button>
        </Form>
      </div>
    </div>
  );
}
