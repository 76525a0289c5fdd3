/** A long task's progress bar (batch import, URL capture, bundle export and import) with its Cancel button. */
import { useProgress } from '../../app/events';
import { glossa } from '../../glossa';

export function TaskProgress({ task }: { task: string | string[] }) {
  const p = useProgress();
  const tasks = Array.isArray(task) ? task : [task];
  if (!p || !tasks.includes(p.task)) return null;
  const { taskId } = p;
  return (
    <div className="task-progress" role="group" aria-label="Progress">
      <progress value={p.done} max={Math.max(1, p.total)} aria-label={p.label ? `Working on ${p.label}` : 'Working'} />
      <span className="task-progress-label" aria-live="polite">
        {p.total > 1 ? `${p.done + 1} of ${p.total}` : ''} {p.label ?? ''}
      </span>
      {taskId ? (
        <button type="button" className="button" onClick={() => void glossa().cancelTask({ taskId })}>
          Cancel
        </button>
      ) : null}
    </div>
  );
}
