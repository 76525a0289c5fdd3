/** A long task's progress bar (batch import, URL capture, bundle export and import) with its Cancel button. */
import { useProgress } from '../../app/events';
import { glossa } from '../../glossa';
import { useMessages } from '../../i18n';
import { commonMessages } from '../../i18n/common';
import { libraryMessages } from './messages';

export function TaskProgress({ task }: { task: string | string[] }) {
  const p = useProgress();
  const m = useMessages(libraryMessages);
  const common = useMessages(commonMessages);
  const tasks = Array.isArray(task) ? task : [task];
  if (!p || !tasks.includes(p.task)) return null;
  const { taskId } = p;
  return (
    <div className="task-progress" role="group" aria-label={m.progress}>
      <progress value={p.done} max={Math.max(1, p.total)} aria-label={p.label ? m.workingOn(p.label) : m.working} />
      <span className="task-progress-label" aria-live="polite">
        {p.total > 1 ? m.step(p.done + 1, p.total) : ''} {p.label ?? ''}
      </span>
      {taskId ? (
        <button type="button" className="button" onClick={() => void glossa().cancelTask({ taskId })}>
          {common.cancel}
        </button>
      ) : null}
    </div>
  );
}
