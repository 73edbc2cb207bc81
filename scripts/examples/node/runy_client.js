#!/usr/bin/env node
// Automating runyd from Node with @grpc/grpc-js, not runy's CLI: starts a
// service, waits until its process runs, follows its logs for a while, then
// prints the status as JSON.
//
//   node runy_client.js --host unix:///run/runy/runyd.sock --service web-server
//   node runy_client.js --host tcp://buildbox:7443 --tls-ca ca.pem \
//       --token-file control.token --service web-server --follow-seconds 5
'use strict';
const fs = require('fs');
const path = require('path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

function parseArgs(argv) {
  const args = { followSeconds: 2 };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '').replace(/-(.)/g, (_, c) => c.toUpperCase());
    args[key] = argv[i + 1];
  }
  if (!args.host || !args.service) {
    console.error('usage: runy_client.js --host URI --service NAME [--token-file F] [--tls-ca F] [--follow-seconds N]');
    process.exit(2);
  }
  args.followSeconds = Number(args.followSeconds);
  return args;
}

function client(args) {
  const root = process.env.RUNY_PROTO_DIR || path.resolve(__dirname, '../../../proto');
  const definition = protoLoader.loadSync(path.join(root, 'runy/v1/runy.proto'), {
    includeDirs: [root], keepCase: false, longs: Number, enums: String, defaults: true,
  });
  const { Runy } = grpc.loadPackageDefinition(definition).runy.v1;
  let target = args.host;
  let credentials = grpc.credentials.createInsecure();
  if (target.startsWith('unix://')) {
    target = 'unix:' + target.slice('unix://'.length);
  } else {
    target = target.replace(/^tcp:\/\//, '');
    if (args.tlsCa) credentials = grpc.credentials.createSsl(fs.readFileSync(args.tlsCa));
  }
  return new Runy(target, credentials);
}

function call(stub, method, request, metadata) {
  return new Promise((resolve, reject) => {
    stub[method](request, metadata, { deadline: Date.now() + 30000 }, (error, response) =>
      (error ? reject(error) : resolve(response)));
  });
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const stub = client(args);
  const metadata = new grpc.Metadata();
  if (args.tokenFile) {
    const token = fs.readFileSync(args.tokenFile, 'utf8').trim().split(/\s+/)[0];
    metadata.add('authorization', `Bearer ${token}`);
  }
  const started = await call(stub, 'Start', { names: [args.service] }, metadata);
  for (const result of started.results) {
    if (!result.ok) throw new Error(`start ${result.name}: ${result.error}`);
  }
  const deadline = Date.now() + 20000;
  for (;;) {
    const status = await call(stub, 'Status', { names: [args.service] }, metadata);
    if (status.processes.some((p) => p.state === 'PROCESS_STATE_RUNNING')) break;
    if (Date.now() > deadline) throw new Error(`${args.service}: no process running after 20 s`);
    await new Promise((r) => setTimeout(r, 100));
  }
  console.log(`${args.service}: running`);
  await new Promise((resolve, reject) => {
    const logs = stub.Logs({ targets: [args.service], follow: true, tail: 10 }, metadata);
    logs.on('data', (line) => console.log(`log ${line.alias}: ${line.text.toString()}`));
    logs.on('error', (error) => (error.code === grpc.status.CANCELLED ? resolve() : reject(error)));
    logs.on('end', resolve);
    setTimeout(() => logs.cancel(), args.followSeconds * 1000);
  });
  const status = await call(stub, 'Status', { names: [args.service] }, metadata);
  console.log(JSON.stringify(status, null, 2));
  stub.close();
}

main().catch((error) => {
  console.error(`runy_client.js: ${error.message}`);
  process.exit(1);
});
