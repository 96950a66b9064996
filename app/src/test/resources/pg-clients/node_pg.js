// node-postgres against the running pipeline: a simple query, a parameterised (extended protocol) one, and a refused
// write. Connection settings come from PGHOST, PGPORT, PGUSER, PGDATABASE and PGPASSWORD.
const { Client } = require('pg');

async function main() {
  const client = new Client();
  await client.connect();
  const simple = await client.query('select ticker, count(*) as trades from consumption_trades group by ticker');
  console.log('node simple rows', simple.rows.length, JSON.stringify(simple.rows));
  if (simple.rows.length === 0) throw new Error('no gold rows');
  const prepared = await client.query({
    text: 'select trade_id, price, trade_time from consumption_trades where ticker = $1 order by trade_id limit $2',
    values: ['BTCUSDT', 5],
  });
  console.log('node prepared rows', prepared.rows.length, JSON.stringify(prepared.rows[0]));
  if (prepared.rows.length === 0 || !(prepared.rows[0].trade_time instanceof Date)) throw new Error('bad prepared result');
  try {
    await client.query('drop table fact_trades');
    throw new Error('a write was accepted');
  } catch (error) {
    if (error.code !== '25006') throw error;
    console.log('node write refused', error.code);
  }
  await client.end();
  console.log('done');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
