// Jest environment of the unit project, and the base of the integration one: node's, plus one thing jest does not do.
// Every test file evaluates the service's modules anew, so each file makes its own AsyncLocalStorage instances
// (request-context.ts, teams/adapter.ts). Node keeps every enabled instance in one list per process and runs each
// one's hook on every promise created afterwards: a worker that had run 30 files paid 60 hooks per promise, and the
// PGlite integration pass spent 16 s of its 286 s of CPU there (`node --cpu-prof`, in band). The instances a file
// enabled are disabled when it ends; they belong to a module registry nobody will use again.
import { AsyncLocalStorage } from 'node:async_hooks';
import NodeEnvironment from 'jest-environment-node';

type Enabling = { _enable?: () => void };
const enabledNow = new Set<AsyncLocalStorage<unknown>>();
const proto = AsyncLocalStorage.prototype as unknown as Enabling;
const enable = proto._enable;
// Node 20 and 22 enable an instance through _enable (Node 24's AsyncContextFrame has no such list, nor the cost).
if (typeof enable === 'function') {
  proto._enable = function (this: AsyncLocalStorage<unknown>) {
    enabledNow.add(this);
    return enable.call(this);
  };
}

export default class TestFileEnvironment extends NodeEnvironment {
  override async setup(): Promise<void> {
    enabledNow.clear();
    await super.setup();
  }

  override async teardown(): Promise<void> {
    for (const storage of enabledNow) storage.disable();
    enabledNow.clear();
    await super.teardown();
  }
}
