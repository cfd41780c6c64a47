// What a person sees on the simulated page: the connection state and, once linked, the chat list
// (title, unread badge, last message with its ticks), newest first. It only reads the collections,
// so the library's view of the page is the same with or without it; a screenshot or a visible
// window shows the account's chats as WhatsApp Web would.
SIM.view = function (ctx) {
  'use strict';
  var TICKS = { '-1': '!', 0: '🕓', 1: '✓', 2: '✓✓', 3: '✓✓ read' };
  var root = document.getElementById('app');
  var pending = null;

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function lastOf(chat) {
    var msgs = chat.msgs.getModelsArray();
    return msgs[msgs.length - 1];
  }

  function render() {
    pending = null;
    if (!root) return;
    var state = ctx.Socket.state;
    var header = el('header', { 'data-testid': 'state' }, 'WhatsApp Web (simulated) · ' + state);
    var children = [header];
    if (ctx.Socket.hasSynced) {
      // Newest first; within one second, the chat whose last message came later.
      var order = {};
      ctx.Msg.getModelsArray().forEach(function (m, i) { order[m.id.remote._serialized] = i; });
      var chats = ctx.Chat.getModelsArray().filter(function (c) { return c.msgs.length > 0; })
        .sort(function (a, b) { return b.t - a.t || order[b.id._serialized] - order[a.id._serialized]; });
      var list = el('ul', { 'data-testid': 'chats', 'aria-label': 'Chats' });
      chats.forEach(function (chat) {
        var item = el('li', { 'data-testid': 'chat', 'data-chat-id': chat.id._serialized });
        item.append(el('strong', {}, chat.formattedTitle));
        if (chat.unreadCount > 0) item.append(' ', el('span', { 'data-testid': 'unread', 'aria-label': 'unread messages' }, String(chat.unreadCount)));
        var last = lastOf(chat);
        if (last) item.append(el('div', {}, (last.id.fromMe ? TICKS[last.ack] + ' ' : '') + last.body));
        list.append(item);
      });
      children.push(chats.length ? list : el('p', {}, 'No chats yet.'));
    }
    root.replaceChildren.apply(root, children);
  }

  // Many changes come in bursts (a login loads the whole history): draw once per burst.
  function schedule() { if (!pending) pending = setTimeout(render, 30); }
  ctx.Socket.on('change:state change:hasSynced', schedule);
  ctx.Chat.on('add change', schedule);
  ctx.Msg.on('add change:ack', schedule);
  schedule();
};
