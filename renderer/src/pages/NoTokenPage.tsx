import { Result, Typography } from 'antd';

/** Browser mode without a valid token: explain how to open the app properly. */
export function NoTokenPage({ message }: { message?: string }) {
  return (
    <div className="full-center">
      <Result
        status="403"
        title="请使用完整地址打开"
        subTitle={message ?? '未找到访问令牌。请复制程序启动时显示的完整地址（包含 #token= 部分），粘贴到浏览器地址栏中打开。'}
        extra={
          <Typography.Text type="secondary">
            为保护数据安全，本机服务只接受带访问令牌的地址。若找不到该地址，请关闭并重新启动程序。
          </Typography.Text>
        }
      />
    </div>
  );
}
