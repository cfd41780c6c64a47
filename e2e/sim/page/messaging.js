// Chats, contacts and text messages of the simulated page: the collections whatsapp-web.js reads and
// the 15 modules it requires at call time for 1:1 text messaging and replies (README.md, "Page modules").
// The server is the source of truth (history at login, then live `msg`, `ack`, `chat-update`);
// internal code uses the classes directly, never window.require, so leaving a module out of the
// registry breaks only the library's calls into it, as on the real page.
SIM.messaging = function (ctx) {
  'use strict';
  var M = SIM.model;
  var createWid = M.createWid;
  var meWid = function () { var me = ctx.me(); return me ? createWid(me + '@c.us') : null; };
  var MsgKey = M.makeMsgKey(meWid);

  // ---- Models (attribute lists after WA's MsgModel, ChatModel and ContactModel props).
  var MSG_ATTRS = ['id', 'type', 'subtype', 'body', 'caption', 't', 'from', 'to', 'author', 'self', 'ack', 'isNewMsg',
    'local', 'star', 'broadcast', 'isForwarded', 'forwardingScore', 'mentionedJidList', 'groupMentions', 'notifyName',
    'ephemeralDuration', 'ephemeralSettingTimestamp', 'disappearingModeInitiator', 'preview', 'title', 'description',
    'canonicalUrl', 'matchedText', 'quotedMsg', 'quotedStanzaID', 'quotedParticipant', 'quotedRemoteJid'];
  function Msg(attrs) {
    M.Model.call(this);
    var self = this;
    var defaults = { type: 'chat', ack: 0, star: false, broadcast: false, isForwarded: false, forwardingScore: 0, mentionedJidList: [], groupMentions: [] };
    // Unknown keys (the library passes its leftover options) are dropped, as WA's model does.
    MSG_ATTRS.forEach(function (k) {
      var v = attrs[k] !== undefined ? attrs[k] : defaults[k];
      if (v !== undefined) self[k] = v;
    });
  }
  Msg.prototype = Object.create(M.Model.prototype);
  Msg.prototype.attrs = MSG_ATTRS;
  Msg.prototype.isEphemeral = false;
  Msg.prototype.isStatusV3 = false;
  Msg.prototype.mediaObject = undefined;
  // Replies (message.reply): the library asks WAWebMsgReply, then copies these fields into the new message.
  Msg.prototype.unsafe = function () { return this; };
  Msg.prototype.msgContextInfo = function (chat) {
    var info = {
      quotedMsg: { type: this.type, body: this.body },
      quotedStanzaID: this.id.id,
      quotedParticipant: this.id.fromMe ? meWid() : this.from,
    };
    if (!chat.id.equals(this.id.remote)) info.quotedRemoteJid = this.id.remote;
    return info;
  };

  var CHAT_ATTRS = ['id', 't', 'unreadCount', 'archive', 'pin', 'isLocked', 'isReadOnly', 'muteExpiration', 'notSpam',
    'lastReceivedKey', 'labels', 'markedUnread', 'pendingSeenCount'];
  function Chat(attrs) {
    M.Model.call(this, {
      t: 0, unreadCount: 0, archive: false, pin: 0, isLocked: false, isReadOnly: false, muteExpiration: 0,
      notSpam: true, labels: [], markedUnread: false, pendingSeenCount: 0,
    });
    Object.assign(this, attrs);
    M.hide(this, 'msgs', new M.Collection(Msg));
    M.hide(this, 'mute', { expiration: 0 });
  }
  Chat.prototype = Object.create(M.Model.prototype);
  Chat.prototype.attrs = CHAT_ATTRS;
  // The library reads msgs.length to decide whether there is a last message, then deletes it.
  Chat.prototype.serialize = function () {
    var out = M.Model.prototype.serialize.call(this);
    out.msgs = this.msgs.getModelsArray().map(function (m) { return m.id._serialized; });
    return out;
  };
  Chat.prototype.toJSON = function () { return M.Model.prototype.serialize.call(this); };

  var CONTACT_ATTRS = ['id', 'name', 'shortName', 'pushname', 'type', 'labels', 'isBusiness', 'isEnterprise',
    'isContactBlocked', 'isWAContact', 'verifiedName', 'verifiedLevel', 'statusMute'];
  function Contact(attrs) {
    M.Model.call(this, { type: 'in', labels: [], isBusiness: false, isEnterprise: false, isContactBlocked: false, isWAContact: true, statusMute: false });
    Object.assign(this, attrs);
  }
  Contact.prototype = Object.create(M.Model.prototype);
  Contact.prototype.attrs = CONTACT_ATTRS;

  var Msgs = new M.Collection(Msg);
  var Chats = new M.Collection(Chat);
  var Contacts = new M.Collection(Contact);
  // WA resolves a contact for any valid number, creating the model on first use.
  Contacts.find = async function (id) {
    var wid = M.createWidFromWidLike(id);
    return Contacts.get(wid) || Contacts.add(new Contact({ id: wid }))[0];
  };

  function titleOf(wid) {
    var contact = Contacts.get(wid);
    return (contact && contact.name) || '+' + wid.user;
  }
  function ensureChat(wid) {
    var chat = Chats.get(wid);
    if (chat) return chat;
    if (!Contacts.get(wid)) Contacts.add(new Contact({ id: wid }));
    chat = new Chat({ id: wid });
    chat.formattedTitle = titleOf(wid);
    return Chats.add(chat)[0];
  }

  // ---- Wire format (types.ts WireMessage) to models.
  function addWire(w, isNewMsg) {
    var chatWid = createWid(w.chat);
    var key = new MsgKey({ fromMe: w.fromMe, remote: chatWid, id: w.id });
    var existing = Msgs.get(key);
    if (existing) return { msg: existing, chat: ensureChat(chatWid), added: false };
    var me = meWid();
    var msg = new Msg({
      id: key, type: 'chat', body: w.body, t: w.t, ack: w.ack, isNewMsg: isNewMsg, self: w.fromMe ? 'out' : 'in',
      from: w.fromMe ? me : chatWid, to: w.fromMe ? chatWid : me, notifyName: w.notifyName,
    });
    var chat = ensureChat(chatWid);
    Msgs.add(msg);
    chat.msgs.add(msg);
    return { msg: msg, chat: chat, added: true };
  }

  function loadHistory(history) {
    Msgs.reset();
    Chats.reset();
    Contacts.reset();
    if (!history) return;
    history.contacts.forEach(function (c) {
      Contacts.add(new Contact({ id: createWid(c.id), name: c.name, shortName: c.name && c.name.split(' ')[0], pushname: c.pushname }));
    });
    history.chats.forEach(function (c) { ensureChat(createWid(c.id)).set({ t: c.t, unreadCount: c.unreadCount }); });
    // History is not news: isNewMsg false, so the library emits nothing for it.
    history.msgs.forEach(function (w) {
      var r = addWire(w, false);
      r.chat.set({ lastReceivedKey: r.msg.id });
    });
  }

  // ---- Requests answered by the server (seen), and sends waiting for the server's ack.
  var waiting = {};
  var reqSeq = 0;
  function request(message) {
    return new Promise(function (resolve, reject) {
      var id = ++reqSeq;
      message.reqId = id;
      if (!ctx.send(message)) { reject(new Error('sim: not connected to the server')); return; }
      var timer = setTimeout(function () { delete waiting[id]; reject(new Error('sim: the server did not answer')); }, 10000);
      waiting[id] = function (reply) { clearTimeout(timer); resolve(reply); };
    });
  }
  var sendResults = {};

  function setAck(msg, ack) {
    // Acks only move forward (pending 0, server 1, device 2, read 3); -1 is a refused send.
    if (msg && (ack > msg.ack || ack === -1)) msg.set({ ack: ack });
  }

  function addAndSendMsgToChat(chat, data) {
    var msg = new Msg(data);
    var added = Msgs.add(msg)[0] || Msgs.get(msg.id);
    chat.msgs.add(added);
    chat.set({ t: added.t, lastReceivedKey: added.id });
    var key = added.id._serialized;
    var sent = new Promise(function (resolve) { sendResults[key] = resolve; });
    if (!ctx.send({ type: 'send-msg', id: added.id.id, to: chat.id._serialized, body: String(added.body), t: added.t })) {
      setAck(added, -1);
      settleSend(key, 'ERROR_NETWORK');
    }
    // WA returns the two promises synchronously: [added to the chat, sent to the server].
    return [Promise.resolve({ msg: added }), sent];
  }
  function settleSend(key, result) {
    var resolve = sendResults[key];
    delete sendResults[key];
    if (resolve) resolve({ messageSendResult: result });
  }

  var Stream = new M.Model({ available: false });
  Stream.markAvailable = function () { Stream.set({ available: true }); };
  Stream.markUnavailable = function () { Stream.set({ available: false }); };

  async function sendSeen(o) {
    var chat = o && o.chat;
    // Like WA: nothing to do for a read chat, and a chat marked unread by hand stays unread.
    if (!chat || chat.markedUnread || !(chat.unreadCount > 0)) return;
    if (!Stream.available && o.afterAvailable !== false) {
      await new Promise(function (resolve) { Stream.once('change:available', resolve); });
    }
    var reply = await request({ type: 'seen', chat: chat.id._serialized });
    chat.set({ unreadCount: reply.unreadCount });
  }

  function getter(fn) {
    return function (contact) {
      // WA's memoized getters refuse data without an id.
      if (!contact || contact.id === undefined || contact.id === null) {
        throw new Error("Data passed to getter must include an id property (it's how we memoize)");
      }
      return fn(contact);
    };
  }
  function widOf(contact) { return M.createWidFromWidLike(contact.id); }

  var LINK_RE = /\b(?:(https?):\/\/|www\.)[^\s<>"]+/gi;
  function findLinks(text) {
    if (typeof text !== 'string') return [];
    var out = [];
    var match;
    LINK_RE.lastIndex = 0;
    while ((match = LINK_RE.exec(text))) {
      var url = match[0].replace(/[.,;:!?)]+$/, '');
      var href = match[1] ? url : 'http://' + url;
      out.push({ url: url, href: href, index: match.index, scheme: match[1] || 'http', domain: href.split('/')[2] });
    }
    return out;
  }

  /** The message a reply quotes, looked up in the reply's chat by the quoted key's id. */
  function getQuotedMsgObj(msg) {
    if (!msg || !msg.quotedStanzaID) return undefined;
    var remote = msg.quotedRemoteJid || msg.id.remote;
    return Msgs.get(new MsgKey({ fromMe: true, remote: remote, id: msg.quotedStanzaID })) ||
      Msgs.get(new MsgKey({ fromMe: false, remote: remote, id: msg.quotedStanzaID }));
  }

  var modules = {
    WALinkify: { findLinks: findLinks, findLink: function (text) { return findLinks(text)[0] || null; } },
    WAWebWidFactory: {
      createWid: createWid,
      createWidFromWidLike: M.createWidFromWidLike,
      asUserWidOrThrow: function (wid) {
        var w = M.createWidFromWidLike(wid);
        if (!w.isUser()) throw new Error('asUserWidOrThrow: not a user id');
        return w;
      },
    },
    WAWebFindChatAction: {
      findOrCreateLatestChat: async function (wid) {
        var w = M.createWidFromWidLike(wid);
        if (!w.isUser()) throw new Error('findOrCreateLatestChat: the simulator has 1:1 chats only');
        var existing = Chats.get(w);
        return { chat: existing || ensureChat(w), created: !existing };
      },
    },
    WAWebStreamModel: { Stream: Stream },
    WAWebUpdateUnreadChatAction: { sendSeen: sendSeen },
    WAWebChatGetters: {
      getIsNewsletter: function (chat) { return chat.id.isNewsletter(); },
      getIsBroadcast: function (chat) { return chat.id.isBroadcast(); },
      getIsGroup: function (chat) { return chat.id.isGroup(); },
    },
    WAWebMsgKey: MsgKey,
    WAWebGetEphemeralFieldsMsgActionsUtils: { getEphemeralFields: function () { return {}; } },
    WAWebSendMsgChatAction: { addAndSendMsgToChat: addAndSendMsgToChat },
    // Link previews would crawl the web; the simulator has none to offer.
    WAWebLinkPreviewChatAction: { getLinkPreview: async function () { return null; } },
    WAWebMsgReply: { canReplyMsg: function (msg) { return Boolean(msg) && msg.type === 'chat' && msg.ack !== -1; } },
    WAWebQuotedMsgModelUtils: { getQuotedMsgObj: getQuotedMsgObj },
    WAWebApiContact: { getAlternateUserWid: function () { return null; } },
    WAWebContactGetters: {
      getIsMe: getter(function (c) { var me = meWid(); return Boolean(me) && widOf(c).equals(me); }),
      getIsUser: getter(function (c) { return widOf(c).isUser(); }),
      getIsGroup: getter(function (c) { return widOf(c).isGroup(); }),
      getIsWAContact: getter(function (c) { return Boolean(c.isWAContact); }),
      getUserid: getter(function (c) { return widOf(c).user; }),
      getVerifiedName: getter(function (c) { return c.verifiedName; }),
      getVerifiedLevel: getter(function (c) { return c.verifiedLevel; }),
      getStatusMute: getter(function (c) { return Boolean(c.statusMute); }),
      getName: getter(function (c) { return c.name; }),
      getShortName: getter(function (c) { return c.shortName; }),
      getPushname: getter(function (c) { return c.pushname; }),
      getIsEnterprise: getter(function (c) { return Boolean(c.isEnterprise); }),
    },
    WAWebFrontendContactGetters: { getIsMyContact: getter(function (c) { return Boolean(c.name); }) },
  };

  var handlers = {
    msg: function (m) {
      var r = addWire(m.msg, true);
      if (!r.added) return;
      if (m.msg.notifyName && !m.msg.fromMe) Contacts.get(r.chat.id).set({ pushname: m.msg.notifyName });
      // One set, so lastReceivedKey is in place when change:unreadCount reaches the library.
      r.chat.set({ t: m.msg.t, lastReceivedKey: r.msg.id, unreadCount: m.unreadCount });
    },
    ack: function (m) {
      setAck(Msgs.get(m.id), m.ack);
      if (m.ack >= 1) settleSend(m.id, 'OK');
    },
    'send-error': function (m) {
      setAck(Msgs.get(m.id), -1);
      settleSend(m.id, 'ERROR_' + m.reason);
    },
    'chat-update': function (m) {
      var chat = Chats.get(m.chat);
      if (chat) chat.set({ unreadCount: m.unreadCount });
    },
    'seen-ok': function (m) {
      var done = waiting[m.reqId];
      delete waiting[m.reqId];
      if (done) done(m);
    },
  };

  return {
    collections: { Msg: Msgs, Chat: Chats, Contact: Contacts },
    modules: modules,
    handlers: handlers,
    loadHistory: loadHistory,
  };
};
