import crypto from 'node:crypto';
import mongoose from 'mongoose';
import { connectStore, disconnectStore } from '../../src/store/connection';

beforeAll(async () => {
  await connectStore(process.env.MONGODB_URI ?? '');
});

afterAll(async () => {
  await disconnectStore();
});

async function isLocalFerretdb(): Promise<boolean> {
  const info = await mongoose.connection.db!.admin().command({ buildInfo: 1 });
  return 'ferretdbVersion' in info;
}

async function planFor(collectionName: string, id: string): Promise<string> {
  const collection = mongoose.connection.db!.collection(collectionName);
  // SQLite reloads a changed schema when a statement reads the table, but EXPLAIN alone keeps the stale one.
  await collection.findOne({ _id: id as never });
  const plan = await collection.find({ _id: id as never }).explain();
  return JSON.stringify(plan.queryPlanner);
}

// The wrapper in stack/ferretdb adds the index. A real MongoDB needs nothing of the kind, so the test returns early there.
test('lookup by _id uses an index', async () => {
  if (!(await isLocalFerretdb())) {
    return;
  }
  const collectionName = `id_index_${crypto.randomUUID().slice(0, 8)}`;
  const collection = mongoose.connection.db!.collection(collectionName);
  await collection.insertMany([{ _id: 'first' as never }, { _id: 'second' as never }]);

  // The wrapper looks for new collections once a second.
  let plan = await planFor(collectionName, 'first');
  for (let attempt = 0; attempt < 50 && !plan.includes('_loketbode_id_lookup'); attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    plan = await planFor(collectionName, 'first');
  }

  expect(plan).toMatch(/SEARCH \S+ USING INDEX \S+_loketbode_id_lookup/);
  expect(await collection.findOne({ _id: 'second' as never })).toEqual({ _id: 'second' });
  await collection.drop();
});
