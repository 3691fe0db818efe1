import { Tag } from 'antd';
import type { PersonFilter } from './filters';

/** Shows that a list is narrowed to one person (opened from a dashboard check); closing it shows the whole list. */
export function PersonTag({ person, onClear }: { person: PersonFilter | null; onClear(): void }) {
  if (!person) return null;
  return (
    <Tag color="blue" closable onClose={onClear} closeIcon={<span aria-label="显示全部">×</span>} style={{ marginInlineEnd: 0, lineHeight: '30px' }}>
      仅显示：{person.name}
    </Tag>
  );
}
