// Object model of the simulated page: Backbone-like events, models and collections, and WhatsApp's
// Wid and MsgKey. PageHtml concatenates the page files inside one closure that declares `SIM`, so
// nothing here becomes a global (the library refuses to expose a binding whose name is taken).
//
// whatsapp-web.js reads these objects through two serializers with opposite rules (README.md, "Page
// behaviour"): `evaluate` results keep own enumerable properties only and never call toJSON, while
// the event bindings JSON.stringify their arguments. So ids are own properties, bookkeeping is
// non-enumerable, and models have a toJSON without back-references.
SIM.model = (function () {
  'use strict';

  function hide(obj, key, value) {
    Object.defineProperty(obj, key, { value: value, writable: true, configurable: true, enumerable: false });
  }

  // ---- Events. The listener table is a plain object on purpose: the library patches the first own
  // Map-valued property of WAWebCallCollection, which must not be our listener table.
  function Emitter() { hide(this, '_events', {}); }
  Emitter.prototype.on = function (names, cb, ctx) {
    var self = this;
    names.split(/\s+/).forEach(function (name) {
      if (!name) return;
      (self._events[name] = self._events[name] || []).push({ cb: cb, ctx: ctx });
    });
    return this;
  };
  Emitter.prototype.off = function (names, cb) {
    var self = this;
    (names ? names.split(/\s+/) : Object.keys(this._events)).forEach(function (name) {
      var list = self._events[name];
      if (!list) return;
      self._events[name] = cb ? list.filter(function (l) { return l.cb !== cb; }) : [];
    });
    return this;
  };
  Emitter.prototype.once = function (name, cb, ctx) {
    var self = this;
    function wrapper() { self.off(name, wrapper); return cb.apply(ctx || self, arguments); }
    return this.on(name, wrapper, ctx);
  };
  // A listener that throws must not stop the others (WA's dispatch does the same); re-throwing it
  // from a timer makes it a window error, which the page reports to the server as a page error.
  Emitter.prototype.trigger = function (name) {
    var args = Array.prototype.slice.call(arguments, 1);
    var self = this;
    (this._events[name] || []).slice().forEach(function (l) {
      try { l.cb.apply(l.ctx || self, args); } catch (e) { setTimeout(function () { throw e; }); }
    });
    // Collections re-emit every event of their models with the same arguments.
    var outer = arguments;
    (this._collections || []).forEach(function (c) { c.trigger.apply(c, outer); });
    return this;
  };

  // ---- Models: attributes are own properties; `attrs` lists what serialize() exposes.
  function Model(attrs) {
    Emitter.call(this);
    hide(this, '_collections', []);
    Object.assign(this, attrs || {});
  }
  Model.prototype = Object.create(Emitter.prototype);
  Model.prototype.attrs = null;
  Model.prototype.get = function (key) { return this[key]; };
  /** Assigns all, then `change:<key>` (model, value, previous) per changed key, then `change` (model). */
  Model.prototype.set = function (attrs) {
    var changed = [];
    for (var key in attrs) {
      if (this[key] !== attrs[key]) { changed.push([key, this[key]]); this[key] = attrs[key]; }
    }
    var self = this;
    changed.forEach(function (c) { self.trigger('change:' + c[0], self, self[c[0]], c[1]); });
    if (changed.length) this.trigger('change', this);
    return this;
  };
  Model.prototype.serialize = function () {
    var out = {};
    var self = this;
    (this.attrs || Object.keys(this)).forEach(function (key) { if (self[key] !== undefined) out[key] = self[key]; });
    return out;
  };
  Model.prototype.toJSON = function () { return this.serialize(); };

  function idKey(id) { return typeof id === 'string' ? id : id && id._serialized; }

  function Collection(modelClass) {
    Emitter.call(this);
    hide(this, '_models', []);
    hide(this, '_byId', {});
    this.modelClass = modelClass;
  }
  Collection.prototype = Object.create(Emitter.prototype);
  Object.defineProperty(Collection.prototype, 'length', { get: function () { return this._models.length; } });
  /** Adds models whose id is new (others are ignored, as Backbone does); returns the added ones. */
  Collection.prototype.add = function (models, opts) {
    var self = this;
    var added = [];
    (Array.isArray(models) ? models : [models]).forEach(function (m) {
      var key = idKey(m.id);
      if (!key || Object.prototype.hasOwnProperty.call(self._byId, key)) return;
      self._byId[key] = m;
      self._models.push(m);
      if (m._collections) m._collections.push(self);
      added.push(m);
      self.trigger('add', m, self, opts || {});
    });
    return added;
  };
  Collection.prototype.remove = function (model) {
    var key = idKey(model && model.id);
    var m = key && this._byId[key];
    if (!m) return undefined;
    delete this._byId[key];
    this._models.splice(this._models.indexOf(m), 1);
    if (m._collections) m._collections.splice(m._collections.indexOf(this), 1);
    this.trigger('remove', m, this, {});
    return m;
  };
  /** Drops everything without events: a new login replaces the page's state. */
  Collection.prototype.reset = function () {
    var self = this;
    this._models.forEach(function (m) { if (m._collections) m._collections.splice(m._collections.indexOf(self), 1); });
    this._models = [];
    this._byId = {};
  };
  /** By id string, Wid or MsgKey (anything with `_serialized`). */
  Collection.prototype.get = function (id) {
    var key = idKey(id);
    return key && Object.prototype.hasOwnProperty.call(this._byId, key) ? this._byId[key] : undefined;
  };
  Collection.prototype.getModelsArray = function () { return this._models.slice(); };
  Collection.prototype.find = async function (id) { return this.get(id); };
  Collection.prototype.getMessagesById = async function (ids) {
    var self = this;
    return { messages: (ids || []).map(function (id) { return self.get(id); }).filter(Boolean) };
  };

  // ---- Wid (WAWebWid): own server/user/_serialized; toJSON gives the id string, so a model that
  // crosses a binding arrives with string ids (the library's unread_count handler relies on it).
  var USER_SERVERS = ['c.us', 'lid', 'bot'];
  function Wid(user, server) {
    this.server = server;
    this.user = user;
    this._serialized = user + '@' + server;
  }
  Wid.prototype.toString = function () { return this._serialized; };
  Wid.prototype.toJSON = function () { return this._serialized; };
  Wid.prototype.isLid = function () { return this.server === 'lid'; };
  Wid.prototype.isUser = function () { return USER_SERVERS.indexOf(this.server) >= 0; };
  Wid.prototype.isGroup = function () { return this.server === 'g.us'; };
  Wid.prototype.isStatus = function () { return this._serialized === 'status@broadcast'; };
  Wid.prototype.isBroadcast = function () { return this.server === 'broadcast'; };
  Wid.prototype.isNewsletter = function () { return this.server === 'newsletter'; };
  Wid.prototype.equals = function (other) { return Boolean(other) && idKey(other) === this._serialized; };
  Wid.prototype.toJid = function () { return this.server === 'c.us' ? this.user + '@s.whatsapp.net' : this._serialized; };

  // Identical ids are identical objects, as with WA's WidStore.
  var widCache = {};
  var WID_RE = /^([0-9A-Za-z.:_-]+)@(c\.us|s\.whatsapp\.net|g\.us|lid|broadcast|newsletter|bot)$/;
  function createWid(id) {
    if (typeof id !== 'string') throw new TypeError('createWid expects a string id');
    var match = WID_RE.exec(id);
    // The id is not echoed: it is usually a phone number.
    if (!match) throw new Error('InvalidWidError: not a WhatsApp id');
    var server = match[2] === 's.whatsapp.net' ? 'c.us' : match[2];
    var key = match[1] + '@' + server;
    return widCache[key] || (widCache[key] = new Wid(match[1], server));
  }
  function createWidFromWidLike(like) {
    if (like instanceof Wid) return like;
    if (typeof like === 'string') return createWid(like);
    if (like && typeof like._serialized === 'string') return createWid(like._serialized);
    throw new TypeError('createWidFromWidLike expects a Wid, an id string or an object with _serialized');
  }

  // ---- MsgKey (WAWebMsgKey): `fromMe_remote_id[_self][_participant]`; no toJSON (as in WA).
  function makeMsgKey(getMe) {
    function MsgKey(o) {
      if (!o || typeof o.id !== 'string') throw new Error('MsgKey error: id is required');
      var fromMe, remote, self;
      if (typeof o.fromMe === 'boolean') {
        fromMe = o.fromMe;
        remote = o.remote;
      } else {
        var me = getMe();
        if (!me) throw new Error('MsgKey error: me is undefined');
        if (!(o.from instanceof Wid) || !(o.to instanceof Wid)) throw new Error('MsgKey error: from and to must be Wids');
        if (o.from.equals(o.to)) { fromMe = true; remote = o.to; self = o.selfDir; }
        else if (o.from.equals(me)) { fromMe = true; remote = o.to; }
        else if (o.to.equals(me)) { fromMe = false; remote = o.from; }
        else throw new Error('MsgKey error: neither from nor to is me');
      }
      if (!(remote instanceof Wid)) throw new Error('MsgKey error: remote must be a Wid');
      this.fromMe = fromMe;
      this.remote = remote;
      this.id = o.id;
      if (self) this.self = self;
      if (o.participant) this.participant = o.participant;
      var parts = [String(fromMe), remote._serialized, o.id];
      if (self) parts.push(self);
      if (o.participant) parts.push(idKey(o.participant));
      this._serialized = parts.join('_');
    }
    MsgKey.prototype.toString = function () { return this._serialized; };
    MsgKey.prototype.equals = function (other) { return Boolean(other) && idKey(other) === this._serialized; };
    MsgKey.prototype.clone = function () {
      return new MsgKey({ fromMe: this.fromMe, remote: this.remote, id: this.id, participant: this.participant });
    };
    // Web clients' ids: "3EB0" + 16 hex digits (the library derives deviceType 'web' from it).
    MsgKey.newId = async function () {
      var bytes = new Uint8Array(8);
      crypto.getRandomValues(bytes);
      return '3EB0' + Array.prototype.map.call(bytes, function (b) { return (b < 16 ? '0' : '') + b.toString(16); }).join('').toUpperCase();
    };
    MsgKey.fromString = function (s) {
      var parts = String(s).split('_');
      if (parts.length < 3) throw new Error('MsgKey error: not a serialized key');
      return new MsgKey({ fromMe: parts[0] === 'true', remote: createWid(parts[1]), id: parts[2] });
    };
    return MsgKey;
  }

  return {
    hide: hide, Emitter: Emitter, Model: Model, Collection: Collection, Wid: Wid,
    createWid: createWid, createWidFromWidLike: createWidFromWidLike, makeMsgKey: makeMsgKey,
  };
})();
