// The load generator, run as a child process (fork) of bench/live.mjs: real socket.io clients
// connect, join their rooms, and a share of them send at each stepped rate. Every client records
// the send→deliver latency of each message.created it receives (the send time travels in the
// body; sender and receivers share this process's clock). Reports each step to the parent (IPC),
// with the first second of the step apart from the rest: a stall at the start of a burst (a
// pool opening connections, say) must not hide in the step's average.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { io } from 'socket.io-client';
import {
  databaseCpuPercent,
  databaseSample,
  machineSample,
  percentile,
  processSample,
} from './common.mjs';

const ACK_TIMEOUT_MS = 10_000;
/** Messages sent in this first part of a step are reported apart from the rest. */
const FIRST_PART_MS = 1_000;
const DRAIN_MS = 5_000;
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

process.on('message', (message) => {
  if (message.type === 'run')
    run(message.config).then(
      (result) => process.send({ type: 'done', result }, () => process.exit(0)),
      (error) =>
        process.send({ type: 'failed', error: error.stack ?? String(error) }, () =>
          process.exit(1),
        ),
    );
});

function log(line) {
  process.send({ type: 'log', line });
}

async function run(config) {
  const { url, serverPid, database, members, steps, stepSeconds, senderShare, bodyBytes } = config;
  const clients = [];
  const current = { step: -1, stats: null };
  const statsByStep = [];

  // 1. Connect everyone (a few hundred handshakes at a time, as a reconnect storm would not be).
  const connectStarted = now();
  let connectErrors = 0;
  for (let i = 0; i < members.length; i += 100) {
    await Promise.all(
      members.slice(i, i + 100).map(async (member) => {
        const socket = io(`${url}/live`, {
          auth: { token: member.token, person: member.person },
          transports: ['websocket'],
          reconnection: false,
          forceNew: true,
        });
        try {
          await new Promise((resolve, reject) => {
            socket.once('connect', resolve);
            socket.once('connect_error', reject);
            setTimeout(() => reject(new Error('connect timed out')), 30_000);
          });
        } catch (error) {
          connectErrors += 1;
          if (connectErrors <= 3) log(`connect failed: ${error.message}`);
          socket.close();
          return;
        }
        socket.on('message.created', (m) => {
          const at = now();
          const [tag, step, sentAt] = m.body.split('|', 3);
          if (tag !== 'bench') return;
          const stats = statsByStep[Number(step)];
          if (!stats) return;
          stats.delivered += 1;
          const sent = Number(sentAt);
          (sent - stats.startedAt < FIRST_PART_MS ? stats.firstLatencies : stats.latencies).push(
            at - sent,
          );
        });
        clients.push({ socket, member });
      }),
    );
  }
  const connectSeconds = (now() - connectStarted) / 1000;
  log(`${clients.length} connected in ${connectSeconds.toFixed(1)} s (${connectErrors} failed)`);

  // 2. Join: each client its room.
  const roomPopulation = new Map();
  let joinErrors = 0;
  for (let i = 0; i < clients.length; i += 200) {
    await Promise.all(
      clients.slice(i, i + 200).map(async ({ socket, member }) => {
        try {
          const ack = await socket
            .timeout(30_000)
            .emitWithAck('room.join', { roomId: member.roomId });
          if (!ack.ok) throw new Error(`${ack.error.code}: ${ack.error.message}`);
          roomPopulation.set(member.roomId, (roomPopulation.get(member.roomId) ?? 0) + 1);
        } catch (error) {
          joinErrors += 1;
          if (joinErrors <= 3) log(`join failed: ${error.message}`);
        }
      }),
    );
  }
  log(`joined ${roomPopulation.size} rooms (${joinErrors} failed)`);

  // Senders: the first share of each room's members, interleaved so that consecutive sends go
  // to different rooms.
  const byRoom = new Map();
  for (const client of clients) {
    const list = byRoom.get(client.member.roomId) ?? [];
    list.push(client);
    byRoom.set(client.member.roomId, list);
  }
  const perRoom = [...byRoom.values()].map((list) =>
    list.slice(0, Math.max(1, Math.round(list.length * senderShare))),
  );
  const senders = [];
  for (let i = 0; perRoom.some((list) => i < list.length); i += 1)
    for (const list of perRoom) if (i < list.length) senders.push(list[i]);
  log(`${senders.length} senders`);
  await sleep(2000); // let join-time presence broadcasts settle
  const idleRssMb = processSample(serverPid)?.rssMb ?? NaN;
  log(`server RSS with everyone connected, before sending: ${idleRssMb.toFixed(0)} MB`);

  // 3. The steps.
  const padding = 'x'.repeat(bodyBytes);
  let nextSender = 0;
  let sequence = 0;
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  const results = [];
  for (const [index, rate] of steps.entries()) {
    const stats = {
      rate,
      sent: 0,
      acked: 0,
      expected: 0,
      delivered: 0,
      startedAt: now(),
      firstLatencies: [],
      latencies: [],
      ackLatencies: [],
      errors: new Map(),
      rss: [],
    };
    statsByStep[index] = stats;
    current.step = index;
    const error = (code) => stats.errors.set(code, (stats.errors.get(code) ?? 0) + 1);
    const serverBefore = processSample(serverPid);
    const databaseBefore = databaseSample(database);
    const machineBefore = machineSample();
    const selfBefore = process.cpuUsage();
    loopDelay.reset();
    loopDelay.enable();
    const rssTimer = setInterval(() => {
      const sample = processSample(serverPid);
      if (sample) stats.rss.push(sample.rssMb);
    }, 500);
    const started = now();
    stats.startedAt = started;
    const durationMs = stepSeconds * 1000;
    const pending = new Set();
    while (now() - started < durationMs) {
      const due = Math.floor(((now() - started) / 1000) * rate) - stats.sent;
      for (let k = 0; k < due; k += 1) {
        const sender = senders[nextSender];
        nextSender = (nextSender + 1) % senders.length;
        const sentAt = now();
        const payload = {
          roomId: sender.member.roomId,
          clientMessageId: `bench-${process.pid}-${(sequence += 1)}`,
          body: `bench|${index}|${sentAt.toFixed(3)}|${padding}`,
        };
        stats.sent += 1;
        const done = new Promise((resolve) => {
          sender.socket.timeout(ACK_TIMEOUT_MS).emit('message.send', payload, (err, ack) => {
            if (err) error('ACK_TIMEOUT');
            else if (!ack.ok) error(ack.error.code);
            else {
              stats.acked += 1;
              stats.expected += roomPopulation.get(sender.member.roomId) ?? 0;
              stats.ackLatencies.push(now() - sentAt);
            }
            resolve();
          });
        });
        pending.add(done);
        void done.then(() => pending.delete(done));
      }
      await sleep(2);
    }
    const sendSeconds = (now() - started) / 1000;
    const serverAfter = processSample(serverPid);
    const databaseAfter = databaseSample(database);
    const machineAfter = machineSample();
    const self = process.cpuUsage(selfBefore);
    loopDelay.disable();
    // Deliveries of this step's messages that arrive after its window still count (with their
    // latency): wait for the acks, then for the deliveries they promise.
    const drainUntil = now() + ACK_TIMEOUT_MS + DRAIN_MS;
    while (pending.size > 0 && now() < drainUntil) await sleep(20);
    const deliverUntil = now() + DRAIN_MS;
    while (stats.delivered < stats.expected && now() < deliverUntil) await sleep(20);
    clearInterval(rssTimer);

    const latencies = Float64Array.from(stats.latencies).sort();
    const firstLatencies = Float64Array.from(stats.firstLatencies).sort();
    const ackLatencies = Float64Array.from(stats.ackLatencies).sort();
    const cpu =
      serverBefore && serverAfter
        ? ((serverAfter.cpuSeconds - serverBefore.cpuSeconds) /
            ((serverAfter.at - serverBefore.at) / 1000)) *
          100
        : NaN;
    const machineTotal = machineAfter.total - machineBefore.total;
    const result = {
      targetRate: rate,
      inboundPerSecond: stats.acked / sendSeconds,
      sentPerSecond: stats.sent / sendSeconds,
      deliveriesPerSecond: stats.delivered / sendSeconds,
      delivered: stats.delivered,
      expected: stats.expected,
      missing: Math.max(0, stats.expected - stats.delivered),
      // The first second of the step, and the rest of it.
      first: {
        deliveries: firstLatencies.length,
        p50: percentile(firstLatencies, 50),
        p95: percentile(firstLatencies, 95),
        p99: percentile(firstLatencies, 99),
      },
      rest: {
        deliveries: latencies.length,
        p50: percentile(latencies, 50),
        p95: percentile(latencies, 95),
        p99: percentile(latencies, 99),
      },
      // The worse of the two parts: what "the step's p99" means in every verdict.
      p99: Math.max(percentile(firstLatencies, 99) || 0, percentile(latencies, 99) || 0),
      max: Math.max(
        firstLatencies.length ? firstLatencies[firstLatencies.length - 1] : 0,
        latencies.length ? latencies[latencies.length - 1] : 0,
      ),
      ackP99: percentile(ackLatencies, 99),
      serverCpuPercent: cpu,
      databaseCpuPercent: database
        ? databaseCpuPercent(databaseBefore, databaseAfter, sendSeconds)
        : NaN,
      serverRssMb: stats.rss.length ? Math.max(...stats.rss) : (serverAfter?.rssMb ?? NaN),
      machineBusyPercent: machineTotal
        ? (1 - (machineAfter.idle - machineBefore.idle) / machineTotal) * 100
        : NaN,
      generatorCpuPercent: ((self.user + self.system) / 1000 / (sendSeconds * 1000)) * 100,
      generatorLoopDelayP99: loopDelay.percentile(99) / 1e6,
      errors: Object.fromEntries(stats.errors),
    };
    stats.latencies = [];
    stats.firstLatencies = [];
    stats.ackLatencies = [];
    results.push(result);
    process.send({ type: 'step', result });
    // A server that is clearly saturated here will only fall further behind at the next step.
    if (result.inboundPerSecond < rate * 0.9 || result.p99 > config.p99TargetMs * 5) {
      log(`saturated at ${rate} msgs/s: skipping the higher steps`);
      break;
    }
    await sleep(1000);
  }

  for (const { socket } of clients) socket.close();
  return {
    connected: clients.length,
    connectErrors,
    joinErrors,
    rooms: roomPopulation.size,
    senders: senders.length,
    connectSeconds,
    idleRssMb,
    steps: results,
  };
}
