/** @odoo-module **/

import { ThreadService } from "@mail/core/common/thread_service";
import { patch } from "@web/core/utils/patch";

/**
 * Discuss's "Start a conversation" with a client opens its client center
 * conversation, a group channel (see discuss.channel.channel_get in
 * client_center): keep the type the server gives instead of assuming a
 * private chat.
 */
patch(ThreadService.prototype, {
    async joinChat(id) {
        const data = await this.orm.call("discuss.channel", "channel_get", [], {
            partners_to: [id],
        });
        return this.store.Thread.insert({
            ...data,
            model: "discuss.channel",
            type: data.channel_type || "chat",
        });
    },
});
