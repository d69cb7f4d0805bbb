/** @odoo-module **/

import publicWidget from "@web/legacy/js/public/public_widget";
import { cookie } from "@web/core/browser/cookie";

/**
 * Session times are shown in the client's time zone: the partner's when set,
 * else the browser's, which the server reads from the "tz" cookie. A page
 * rendered before the cookie existed is reloaded once to show local times.
 */
publicWidget.registry.SessionClientTimezone = publicWidget.Widget.extend({
    selector: "[data-session-tz-source]",

    start() {
        const browserTz = Intl.DateTimeFormat().resolvedOptions().timeZone;
        if (browserTz && cookie.get("tz") !== browserTz) {
            cookie.set("tz", browserTz);
            if (this.el.dataset.sessionTzSource === "default" && browserTz !== "UTC") {
                window.location.reload();
            }
        }
        return this._super(...arguments);
    },
});
