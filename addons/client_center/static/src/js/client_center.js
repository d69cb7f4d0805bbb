/** @odoo-module **/

import { Component } from "@odoo/owl";
import publicWidget from "@web/legacy/js/public/public_widget";
import { _t } from "@web/core/l10n/translation";
import { deserializeDateTime } from "@web/core/l10n/dates";

// What a client reads of its conversation (see discuss.channel in Python)
const CHAT_MESSAGE_TYPES = ["comment", "email"];

/**
 * The chat with support on the client center's home: the client posts
 * in its Discuss conversation; the support team's answers (and the
 * client's own messages from other tabs) arrive through the bus.
 */
publicWidget.registry.ClientCenterChat = publicWidget.Widget.extend({
    selector: ".o_client_center_chat",
    events: {
        "submit .o_client_center_chat_form": "_onSubmit",
        "keydown textarea[name=body]": "_onKeydown",
    },

    start() {
        // the bus service is asynchronous: bindService cannot wrap it
        this.busService = Component.env.services.bus_service;
        this.channelId = parseInt(this.el.dataset.channelId) || null;
        this.partnerId = parseInt(this.el.dataset.partnerId);
        // the zone the server wrote the other times in
        this.tz = this.el.dataset.tz || "UTC";
        this.messagesEl = this.el.querySelector(".o_client_center_chat_messages");
        this.busService.subscribe("discuss.channel/new_message", (payload) => this._onNewMessage(payload));
        this.busService.start();
        this._scrollDown();
        return this._super(...arguments);
    },

    _scrollDown() {
        this.messagesEl.scrollTop = this.messagesEl.scrollHeight;
    },

    /**
     * A message's time as the server writes it: the reader's zone, named,
     * without seconds ("Tue 1 Dec 2026, 11:00 (Europe/London)").
     */
    _formatDate(date) {
        if (!date) {
            return "";
        }
        const local = deserializeDateTime(date).setZone(this.tz);
        return `${local.toFormat("ccc d LLL yyyy, HH:mm")} (${this.tz})`;
    },

    _appendMessage({ id, author, isMine, body, date, dateLabel }) {
        if (this.messagesEl.querySelector(`[data-message-id="${id}"]`)) {
            return;
        }
        this.messagesEl.querySelector(".o_client_center_chat_empty")?.remove();
        const row = document.createElement("div");
        row.className = `o_client_center_chat_message d-flex mb-2 ${isMine ? "justify-content-end o_mine" : "o_theirs"}`;
        row.dataset.messageId = id;
        const bubble = document.createElement("div");
        bubble.className = `p-2 rounded ${isMine ? "text-bg-primary" : "bg-light"}`;
        bubble.style.maxWidth = "80%";
        const meta = document.createElement("div");
        meta.className = "small opacity-75";
        const authorEl = document.createElement("span");
        authorEl.className = "o_client_center_chat_author";
        authorEl.textContent = author;
        const dateEl = document.createElement("span");
        dateEl.className = "o_client_center_chat_date";
        dateEl.textContent = dateLabel || this._formatDate(date);
        meta.append(authorEl, " · ", dateEl);
        const bodyEl = document.createElement("div");
        bodyEl.className = "o_client_center_chat_body text-break";
        bodyEl.style.whiteSpace = "pre-wrap";
        bodyEl.textContent = body;
        bubble.append(meta, bodyEl);
        row.append(bubble);
        this.messagesEl.append(row);
        this._scrollDown();
    },

    _htmlToText(html) {
        const doc = new DOMParser().parseFromString(html.replace(/<br\s*\/?>/gi, "\n"), "text/html");
        return doc.body.textContent.trim();
    },

    _onNewMessage({ id, message }) {
        if (!this.channelId || id !== this.channelId || !CHAT_MESSAGE_TYPES.includes(message.message_type)) {
            return;
        }
        const author = message.author || {};
        this._appendMessage({
            id: message.id,
            author: author.name || "",
            isMine: author.id === this.partnerId,
            body: this._htmlToText(message.body || ""),
            date: message.date,
        });
    },

    _onKeydown(ev) {
        if (ev.key === "Enter" && !ev.shiftKey) {
            ev.preventDefault();
            ev.currentTarget.form.requestSubmit();
        }
    },

    async _onSubmit(ev) {
        ev.preventDefault();
        const form = ev.currentTarget;
        const textarea = form.querySelector("textarea[name=body]");
        const button = form.querySelector("button[type=submit]");
        if (!textarea.value.trim()) {
            return;
        }
        button.disabled = true;
        try {
            const response = await fetch(form.action, {
                method: "POST",
                headers: { Accept: "application/json" },
                body: new FormData(form),
            });
            const result = await response.json();
            if (!response.ok) {
                this._showError(result.error || _t("The message could not be sent."));
                return;
            }
            textarea.value = "";
            this.el.querySelector(".o_client_center_chat_error")?.remove();
            const { message, channel_id: channelId } = result;
            if (this.channelId !== channelId) {
                // the first message created the conversation: listen to it
                this.channelId = channelId;
                this.el.dataset.channelId = channelId;
                this.busService.forceUpdateChannels();
            }
            this._appendMessage({
                id: message.id,
                author: message.author,
                isMine: true,
                body: message.body,
                date: message.date,
                dateLabel: message.date_label,
            });
        } catch {
            this._showError(_t("The message could not be sent: check your connection."));
        } finally {
            button.disabled = false;
        }
    },

    _showError(text) {
        let alert = this.el.querySelector(".o_client_center_chat_error");
        if (!alert) {
            alert = document.createElement("div");
            alert.className = "alert alert-danger m-2 o_client_center_chat_error";
            alert.role = "alert";
            this.messagesEl.after(alert);
        }
        alert.textContent = text;
    },
});

/**
 * Due payments: select all, and "Pay selected" only with a selection.
 */
publicWidget.registry.ClientCenterPayForm = publicWidget.Widget.extend({
    selector: ".o_client_center_pay_form",
    events: {
        "change .o_client_center_select_all": "_onSelectAll",
        "change .o_client_center_select": "_update",
    },

    start() {
        this._update();
        return this._super(...arguments);
    },

    _onSelectAll(ev) {
        for (const box of this.el.querySelectorAll(".o_client_center_select")) {
            box.checked = ev.currentTarget.checked;
        }
        this._update();
    },

    _update() {
        const selected = this.el.querySelectorAll(".o_client_center_select:checked").length;
        this.el.querySelector(".o_client_center_pay_selected").disabled = !selected;
    },
});
