#!/usr/bin/env node
// Local Teams clients: one Microsoft 365 Agents Playground per persona, each on its own port, all pointing to
// the bot. Usage: node scripts/playground/start.js [--bot URL] [--port 56150] [personId ...]
// (default bot http://127.0.0.1:3978/api/messages; default personas in lib.js DEFAULT_PERSONAS). Ctrl-C stops all.
/* global console, fetch, AbortSignal */
'use strict';
const { BASE_PORT, DEFAULT_ENDPOINT, DEFAULT_PERSONAS, loadDirectory, startPlaygrounds } = require('./lib');

function option(args, name, fallback) {
  const at = args.indexOf(name);
  return at >= 0 ? args.splice(at, 2)[1] : fallback;
}

async function main() {
  const args = process.argv.slice(2);
  const botEndpoint = option(args, '--bot', process.env.BOT_ENDPOINT ?? DEFAULT_ENDPOINT);
  const basePort = Number(option(args, '--port', BASE_PORT));
  const personas = args.length > 0 ? args : DEFAULT_PERSONAS;
  const people = new Map(loadDirectory().people.map((p) => [p.id, p]));
  const unknown = personas.filter((id) => !people.has(id));
  if (unknown.length) throw new Error(`No están en config/directory.local.json: ${unknown.join(', ')}`);

  console.log(`Intercambio de Datos: clientes locales de Teams para ${personas.length} personas`);
  try {
    await fetch(botEndpoint, { signal: AbortSignal.timeout(2000) });
  } catch {
    console.log(`Aviso: el bot no responde en ${botEndpoint}; los clientes lo esperan al abrirse.`);
  }
  const playgrounds = await startPlaygrounds(personas, { botEndpoint, basePort });
  console.log(`Bot: ${botEndpoint}\n`);
  for (const p of playgrounds) {
    const person = people.get(p.personId);
    console.log(`  ${`${person.name} (${person.position})`.padEnd(58)} http://localhost:${p.port}`);
  }
  console.log('\nAbra cada dirección en el navegador. Ctrl-C para detenerlos.');

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nDeteniendo los clientes…');
    await Promise.all(playgrounds.map((p) => p.stop()));
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  for (const p of playgrounds)
    p.exited.then((code) => stopping || console.log(`El cliente de ${p.personId} terminó (código ${code}).`));
}

main().catch((e) => {
  console.error(`No se pudieron iniciar los clientes: ${e.message}`);
  process.exit(1);
});
