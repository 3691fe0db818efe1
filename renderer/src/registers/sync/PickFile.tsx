import { Button, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { readUpload } from '../../api/files';

type Props = { label: string; accept: string; disabled?: boolean } & (
  | { onFile: (f: { fileName: string; base64: string }) => void }
  /** The picked File itself, for callers that stream it (sync bundles, see api/upload.ts). */
  | { onPick: (f: File) => void }
);

/** A button that hands the chosen file (as the API's upload shape, or as is) to the caller; nothing is uploaded by antd. */
export function PickFile(props: Props) {
  return (
    <Upload
      accept={props.accept}
      showUploadList={false}
      disabled={props.disabled}
      beforeUpload={(file) => {
        if ('onPick' in props) props.onPick(file);
        else void readUpload(file).then(props.onFile);
        return false;
      }}
    >
      <Button icon={<UploadOutlined aria-hidden />} disabled={props.disabled}>
        {props.label}
      </Button>
    </Upload>
  );
}
