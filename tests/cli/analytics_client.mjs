// A client of one Boussole node for tests/cli/two_nodes.sh, signed in as the
// demo national administrator:
//
//   node analytics_client.mjs PORT write VALUE     writes cdca_reunions of the
//        Gironde for 2012 (a year the demo data leave empty), retrying for up
//        to 30 s while the database restarts
//   node analytics_client.mjs PORT wait VALUE SECONDS
//        polls the national cdca_nombre_reunions of 2012 until it equals
//        VALUE; exits 1 with what it last read when SECONDS pass
const [port, command, expected, seconds] = process.argv.slice(2);
const base = `http://127.0.0.1:${port}`;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function signIn() {
  const response = await fetch(`${base}/api/v1/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: 'admin.national@demo.boussole.invalid', password: 'boussole-demo-2026' }),
  });
  if (!response.ok) throw new Error(`connexion refusée : ${response.status} ${await response.text()}`);
  const body = await response.json();
  return { cookie: response.headers.get('set-cookie').split(';')[0], csrf: body.csrf_token };
}

async function nationalValue(session) {
  const response = await fetch(
    `${base}/api/v1/analytics?indicators=cdca_nombre_reunions&territories=FR&periods=2012`,
    { headers: { Cookie: session.cookie } });
  if (!response.ok) throw new Error(`lecture refusée : ${response.status} ${await response.text()}`);
  const body = await response.json();
  return body.rows?.[0]?.value ?? null;
}

async function write(value) {
  const deadline = Date.now() + 30000;
  for (;;) {
    try {
      const session = await signIn();
      const response = await fetch(`${base}/api/v1/data-values`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Cookie: session.cookie, 'X-CSRF-Token': session.csrf },
        body: JSON.stringify({ values: [{ element: 'cdca_reunions', territory: 'DEP-33', period: '2012', value }] }),
      });
      if (response.ok) return;
      const text = await response.text();
      if (response.status < 500 || Date.now() > deadline) throw new Error(`écriture refusée : ${response.status} ${text}`);
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    await sleep(200);
  }
}

async function wait(value, limit) {
  const deadline = Date.now() + limit * 1000;
  let last = null;
  let session = null;
  for (;;) {
    try {
      session ??= await signIn();
      last = await nationalValue(session);
      if (last === value) return;
    } catch (error) {
      last = error.message;
      session = null;
    }
    if (Date.now() > deadline) throw new Error(`valeur nationale attendue ${value}, lue ${last} après ${limit} s`);
    await sleep(50);
  }
}

try {
  if (command === 'write') await write(Number(expected));
  else if (command === 'wait') await wait(Number(expected), Number(seconds));
  else throw new Error(`commande inconnue : ${command}`);
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
