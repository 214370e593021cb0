import { useState } from 'react';
import { App, Button } from 'antd';
import { ScheduleOutlined } from '@ant-design/icons';
import type { IncomingDetail } from '../../../shared/incoming/schemas';
import { useCan } from '../auth/AuthGate';
import { navigate } from '../router';
import { TaskForm } from '../tasks/TaskForm';

/**
 * Giao việc from a document's bút phê: a task whose source is this incoming document (the task form, with the
 * document named), for whoever the API lets give tasks; the task then follows in Giao việc.
 */
export function GiveTaskButton({ doc }: { doc: IncomingDetail }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const may = useCan('tasks.add');
  if (!may || doc.status === 'da-huy') return null;
  return (
    <>
      <Button icon={<ScheduleOutlined />} onClick={() => setOpen(true)} data-testid="give-task">
        Giao việc
      </Button>
      <TaskForm
        open={open}
        incomingId={doc.id}
        onClose={() => setOpen(false)}
        onSaved={(t) => {
          setOpen(false);
          void message.success(`Đã giao việc «${t.title}».`);
          navigate(`/tasks/${t.id}`);
        }}
      />
    </>
  );
}
