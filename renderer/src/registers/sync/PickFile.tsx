import { Button, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { readUpload } from '../../api/files';

/** A button that hands the chosen file (as the API's upload shape) to `onFile`; nothing is uploaded by antd. */
export function PickFile(props: { label: string; accept: string; disabled?: boolean; onFile: (f: { fileName: string; base64: string }) => void }) {
  return (
    <Upload
      accept={props.accept}
      showUploadList={false}
      disabled={props.disabled}
      beforeUpload={(file) => {
        void readUpload(file).then(props.onFile);
        return false;
      }}
    >
      <Button icon={<UploadOutlined aria-hidden />} disabled={props.disabled}>
        {props.label}
      </Button>
    </Upload>
  );
}
