// Simulated WhatsApp Web page for whatsapp-web.js 1.34.7: boot, linking, session storage and the
// module registry (README.md beside the page files). Plain browser JavaScript, inlined into index.html
// by the SimServer after model.js, messaging.js and view.js, all inside one closure: the library refuses to
// expose a binding when a global of that name already exists, so the page defines only
// `window.require` and (after boot) `window.Debug`.
(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('sim-config').textContent);
  var SESSION_DB = 'wawc';
  var HISTORY_DB = 'model-storage';

  var Model = SIM.model.Model;
  var Collection = SIM.model.Collection;
  var Emitter = SIM.model.Emitter;

  // ---- Keys: random per page load, stable for the page's lifetime (the library reads them once).
  function randomBytes(n) { var b = new Uint8Array(n); crypto.getRandomValues(b); return b; }
  function b64(bytes) { var s = ''; for (var i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]); return btoa(s); }
  var noisePub = randomBytes(32);
  var identityPub = randomBytes(32);
  var advSecret = b64(randomBytes(32));
  var DEVICE_PLATFORM = '1';

  // ---- Modules the library reads up to `ready` (README.md, "Page modules").
  var Socket = new Model({ state: 'UNLAUNCHED', hasSynced: false });
  var socketOn = Socket.on;
  Socket.on = function (names, cb, ctx) {
    socketOn.call(this, names, cb, ctx);
    // The library listens for hasSynced only at the end of inject(), possibly after it turned true: replay it.
    if (config.replayHasSynced && Socket.hasSynced && names.split(/\s+/).indexOf('change:hasSynced') >= 0) {
      setTimeout(function () { cb.call(ctx || Socket, Socket, true, {}); }, 0);
    }
    return this;
  };
  Socket.logout = function () { return appLogout(); };
  Socket.takeover = function () { send({ type: 'takeover' }); };
  Socket.reconnect = function () { send({ type: 'reconnect' }); };

  var Cmd = new Emitter();
  Cmd.refreshQR = function () { send({ type: 'refresh-qr' }); };

  var Conn = new Model({ ref: undefined, pushname: undefined, platform: undefined, battery: undefined, plugged: undefined });
  Conn.serialize = function () {
    return { ref: Conn.ref, pushname: Conn.pushname, platform: Conn.platform, battery: Conn.battery, plugged: Conn.plugged };
  };

  var progress = 0;
  var me = null;
  var messaging = SIM.messaging({ me: function () { return me; }, send: function (msg) { return send(msg); } });
  var pendingCode = null;
  var callCollection = new Collection();
  // WAWebCallCollection must own a Map-valued property: the library hooks its `set` for incoming calls.
  callCollection._index = new Map();

  var registry = {
    WAWebSocketModel: { Socket: Socket },
    WAWebCmd: { Cmd: Cmd },
    WAWebConnModel: { Conn: Conn },
    WAWebOfflineHandler: { OfflineMessageHandler: { getOfflineDeliveryProgress: function () { return progress; } } },
    WAWebAltDeviceLinkingApi: {
      setPairingType: function () {},
      initializeAltDeviceLinking: async function () {},
      initializeQRLinking: async function () { send({ type: 'qr-linking' }); },
      startAltLinkingFlow: function (number) {
        return new Promise(function (resolve) {
          pendingCode = resolve;
          send({ type: 'pairing-code-request', number: String(number) });
        });
      },
    },
    WABase64: { encodeB64: b64 },
    WAWebCompanionRegClientUtils: { DEVICE_PLATFORM: DEVICE_PLATFORM },
    WAWebAdvSignatureApi: { getADVSecretKey: function () { return advSecret; } },
    WAWebUserPrefsInfoStore: { waNoiseInfo: { get: async function () { return { staticKeyPair: { pubKey: noisePub } }; } } },
    WAWebSignalStoreApi: { waSignalStore: { getRegistrationInfo: async function () { return { identityKeyPair: { pubKey: identityPub } }; } } },
    WAWebUserPrefsMultiDevice: { getADVSecretKey: function () { return advSecret; } },
    WAWebUserPrefsMeUser: {
      getMaybeMePnUser: function () { return me ? SIM.model.createWid(me + '@c.us') : null; },
      // Phone-number ids only: the simulator has no LID addressing.
      getMaybeMeLidUser: function () { return null; },
    },
    WAWebCollections: messaging.collections,
    WAWebSyncGatingUtils: { isPlaceholderMessageResendEnabled: function () { return false; } },
    WAWebCallCollection: callCollection,
    WAWebMiscBrowserUtils: { info: function () { return { name: 'Chrome', version: '146.0.0.0', os: 'Linux' }; } },
    WAWebLaunchSocketUtils: { refreshQR: function () { send({ type: 'refresh-qr' }); } },
  };
  Object.keys(messaging.modules).forEach(function (name) { registry[name] = messaging.modules[name]; });
  SIM.view({ Socket: Socket, Chat: messaging.collections.Chat, Msg: messaging.collections.Msg });
  config.omitModules.forEach(function (name) { delete registry[name]; });
  // Like Meta's loader, an unknown module throws, so a gap in the simulator is a visible error.
  window.require = function (name) {
    if (!Object.prototype.hasOwnProperty.call(registry, name)) throw new Error('Requiring unknown module "' + name + '"');
    return registry[name];
  };

  // ---- Origin storage: the session lives where RemoteAuth's zip (Default/IndexedDB, Local Storage) finds it.
  function openDb(name, store, keyPath) {
    return new Promise(function (resolve, reject) {
      var req = indexedDB.open(name, 1);
      req.onupgradeneeded = function () { req.result.createObjectStore(store, keyPath ? { keyPath: keyPath } : undefined); };
      req.onsuccess = function () { resolve(req.result); };
      req.onerror = function () { reject(req.error); };
    });
  }
  function txDone(tx) {
    return new Promise(function (resolve, reject) { tx.oncomplete = resolve; tx.onerror = tx.onabort = function () { reject(tx.error); }; });
  }
  async function readSession() {
    var db = await openDb(SESSION_DB, 'user');
    var req = db.transaction('user').objectStore('user').get('session');
    var value = await new Promise(function (resolve) { req.onsuccess = function () { resolve(req.result); }; req.onerror = function () { resolve(undefined); }; });
    db.close();
    return value;
  }
  async function saveSession(session) {
    var db = await openDb(SESSION_DB, 'user');
    var tx = db.transaction('user', 'readwrite');
    tx.objectStore('user').put(session, 'session');
    await txDone(tx);
    db.close();
    localStorage.setItem('WAToken1', JSON.stringify(session.deviceId));
    localStorage.setItem('last-wid-md', JSON.stringify(session.wid + ':' + session.deviceId + '@c.us'));
  }
  function deleteDb(name) {
    return new Promise(function (resolve) { var req = indexedDB.deleteDatabase(name); req.onsuccess = req.onerror = req.onblocked = function () { resolve(); }; });
  }
  async function clearStorage() {
    localStorage.clear();
    await deleteDb(SESSION_DB);
    await deleteDb(HISTORY_DB);
  }

  // ---- Message history, so a session folder can have a real-world size (historyMB).
  var WORDS = ('ok yes no thanks tomorrow meeting call later home office photo dinner lunch price invoice ' +
    'sent received please when where what why great sure love see you soon address ticket order kids ' +
    'weekend train late sorry done hello morning night birthday happy payment link document').split(' ');
  function sentence(rand) {
    var n = 3 + Math.floor(rand() * 25), out = [];
    for (var i = 0; i < n; i++) out.push(WORDS[Math.floor(rand() * WORDS.length)]);
    return out.join(' ');
  }
  async function fillHistory(targetBytes, onProgress) {
    var db = await openDb(HISTORY_DB, 'message', 'id');
    var written = 0, seq = 0, chat = 0;
    var rand = Math.random;
    while (written < targetBytes) {
      var tx = db.transaction('message', 'readwrite');
      var store = tx.objectStore('message');
      for (var i = 0; i < 500 && written < targetBytes; i++) {
        if (seq % 200 === 0) chat = 15550000000 + Math.floor(rand() * 1e6);
        var fromMe = rand() < 0.4;
        var msg = {
          id: (fromMe ? 'true_' : 'false_') + chat + '@c.us_3EB0' + b64(randomBytes(9)),
          type: 'chat', t: 1700000000 + seq, from: fromMe ? me + '@c.us' : chat + '@c.us',
          to: fromMe ? chat + '@c.us' : me + '@c.us', ack: 3, body: sentence(rand),
          // Real rows carry protobuf blobs and media keys: incompressible bytes like these.
          mediaKey: b64(randomBytes(32)), encFilehash: b64(randomBytes(32)), star: false, isForwarded: false,
        };
        store.put(msg);
        written += JSON.stringify(msg).length;
        seq++;
      }
      await txDone(tx);
      onProgress(written / targetBytes);
    }
    db.close();
    return written;
  }

  // ---- Connection to the simulated server.
  var ws = null;
  var leaving = false;
  var logoutWaiters = {};
  var logoutSeq = 0;
  function send(msg) {
    if (!ws || ws.readyState !== 1) return false;
    ws.send(JSON.stringify(msg));
    return true;
  }
  function sleep(ms) { return new Promise(function (r) { setTimeout(r, ms); }); }
  function setProgress(p) { progress = p; Cmd.trigger('offline_progress_update_from_bridge'); }
  function navigateToLogout() {
    leaving = true;
    setTimeout(function () { location.replace('/?post_logout=1'); }, config.bridgeLogoutNavigateMs);
  }

  async function runSync(firstSync) {
    setProgress(0);
    await sleep(config.syncStepMs);
    var historyBytes = 0;
    if (firstSync && config.historyMB > 0) {
      historyBytes = await fillHistory(config.historyMB * 1024 * 1024, function (f) {
        var p = Math.min(49, Math.floor(f * 50));
        if (p !== progress) setProgress(p);
      });
    }
    setProgress(50);
    await sleep(config.syncStepMs);
    setProgress(100);
    await sleep(config.syncStepMs);
    Socket.set({ hasSynced: true });
    send({ type: 'synced', historyBytes: historyBytes });
  }

  async function appLogout() {
    var id = ++logoutSeq;
    // Resolve only after the server has unlinked us: client.logout() closes the browser right after.
    await Promise.race([new Promise(function (r) { logoutWaiters[id] = r; send({ type: 'logout', id: id }); }), sleep(3000)]);
    await clearStorage();
    Cmd.trigger('logout');
    navigateToLogout();
  }

  var handlers = {
    ref: function (m) {
      // Set the ref before UNPAIRED: the library reads Conn.ref right after its state check.
      Conn.set({ ref: m.ref });
      if (Socket.state !== 'UNPAIRED') Socket.set({ state: 'UNPAIRED' });
    },
    idle: function () { Socket.set({ state: 'UNPAIRED_IDLE' }); },
    'pairing-code': function (m) { if (pendingCode) { pendingCode(m.code); pendingCode = null; } },
    'pair-success': async function (m) {
      Socket.set({ state: 'PAIRING' });
      await saveSession({ deviceId: m.deviceId, secret: m.secret, wid: m.wid, pushname: m.pushname });
      me = m.wid;
      messaging.loadHistory(m.history);
      Conn.set({ pushname: m.pushname, platform: 'android' });
      Socket.set({ state: 'OPENING' });
      Socket.set({ state: 'CONNECTED' });
      await runSync(true);
    },
    'login-ok': async function (m) {
      me = m.wid;
      messaging.loadHistory(m.history);
      Conn.set({ pushname: m.pushname, platform: 'android' });
      Socket.set({ state: 'CONNECTED' });
      await runSync(false);
    },
    'login-rejected': async function () { await clearStorage(); },
    unlink: async function (m) {
      await clearStorage();
      if (m.style === 'bridge') {
        Cmd.trigger('logout_from_bridge');
        navigateToLogout();
      } else {
        Socket.set({ state: 'UNPAIRED' });
      }
    },
    state: function (m) { Socket.set({ state: m.state }); },
    'logout-ok': function (m) { var w = logoutWaiters[m.id]; delete logoutWaiters[m.id]; if (w) w(); },
  };
  Object.keys(messaging.handlers).forEach(function (type) { handlers[type] = messaging.handlers[type]; });

  // ---- Page errors: whatever throws inside the page (the library's event handlers included) is
  // reported to the server, so a failure that never reaches Node is still seen by tests.
  var unsentErrors = [];
  function reportError(kind, error) {
    var report = {
      type: 'page-error', kind: kind,
      message: String((error && error.message) || error).slice(0, 2000),
      stack: error && typeof error.stack === 'string' ? error.stack.slice(0, 4000) : undefined,
    };
    if (!send(report) && unsentErrors.length < 50) unsentErrors.push(report);
  }
  window.addEventListener('error', function (ev) { reportError('error', ev.error || ev.message); });
  window.addEventListener('unhandledrejection', function (ev) { reportError('unhandledrejection', ev.reason); });

  async function boot() {
    await sleep(config.bootDelayMs);
    var session = await readSession().catch(function () { return undefined; });
    window.Debug = { VERSION: config.webVersion };
    Socket.set({ state: 'OPENING' });
    ws = new WebSocket('wss://' + location.host + '/ws/chat');
    var queue = Promise.resolve();
    ws.onmessage = function (ev) {
      var msg = JSON.parse(ev.data);
      var handler = handlers[msg.type];
      // Messages are handled strictly in order, even when a handler awaits storage.
      if (handler) queue = queue.then(function () { return handler(msg); }).catch(function (e) { reportError('handler', e); });
    };
    ws.onopen = function () {
      send({
        type: 'hello', platform: DEVICE_PLATFORM,
        keys: { noise: b64(noisePub), identity: b64(identityPub), adv: advSecret },
        session: session ? { deviceId: session.deviceId, secret: session.secret } : undefined,
      });
      unsentErrors.splice(0).forEach(send);
    };
    ws.onclose = function () { if (!leaving && Socket.state === 'CONNECTED') Socket.set({ state: 'TIMEOUT' }); };
    window.addEventListener('pagehide', function () { leaving = true; });
  }
  boot();
})();
