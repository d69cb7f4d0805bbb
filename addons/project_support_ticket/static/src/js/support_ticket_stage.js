/** @odoo-module **/

import { Component } from "@odoo/owl";
import publicWidget from "@web/legacy/js/public/public_widget";

/**
 * A client's reply reopens a solved or waiting ticket on the server: once
 * the portal chatter has posted it, reload the page so that it shows the
 * ticket's current stage (not "Solved").
 */
publicWidget.registry.SupportTicketStage = publicWidget.Widget.extend({
    selector: "[data-support-reload-on-reply]",

    start() {
        this._onPosted = () => window.location.reload();
        Component.env.bus.addEventListener("reload_chatter_content", this._onPosted);
        return this._super(...arguments);
    },

    destroy() {
        Component.env.bus.removeEventListener("reload_chatter_content", this._onPosted);
        this._super(...arguments);
    },
});
