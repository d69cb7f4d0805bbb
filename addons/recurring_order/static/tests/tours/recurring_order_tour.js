/** @odoo-module **/

import { registry } from "@web/core/registry";

/**
 * From the client center: open the Recurring panel, change the card of the
 * recurring order of `product` to the saved card ending in `last4`.
 */
export function changeCardSteps(product, last4) {
    return [
        {
            content: "Open the Recurring panel",
            trigger: ".o_client_center_menu .o_client_center_panel_recurring",
        },
        {
            content: "The recurring order is listed with its card, amount and next payment",
            trigger: `.o_recurring_order:has(.o_recurring_order_link:contains("${product}")) .o_recurring_next_payment`,
            isCheck: true,
        },
        {
            content: "Change its card",
            trigger: `.o_recurring_order:has(.o_recurring_order_link:contains("${product}")) .o_recurring_change_card`,
        },
        {
            content: `Choose the card ending in ${last4}`,
            trigger: `.o_recurring_token_${last4} input[name=token_id]`,
        },
        {
            content: "Use it",
            trigger: ".o_recurring_card_submit",
        },
        {
            content: "The card is changed",
            trigger: `.o_client_center_notice:contains("Your card is changed")`,
            isCheck: true,
        },
        {
            content: "The order shows the new card",
            trigger: `.o_recurring_card:contains("${last4}")`,
            isCheck: true,
        },
    ];
}

registry.category("web_tour.tours").add("recurring_order_change_card_tour", {
    test: true,
    url: "/client-center",
    steps: () => [
        ...changeCardSteps("Monthly Plan A", "1111"),
        {
            content: "Back to the list",
            trigger: "a:contains('All recurring orders')",
        },
        {
            content: "Pause it",
            trigger: ".o_recurring_order .o_recurring_pause",
        },
        {
            content: "It is paused",
            trigger: ".o_client_center_notice:contains('paused'), .o_recurring_paused",
            isCheck: true,
        },
        {
            content: "Resume it",
            trigger: ".o_recurring_resume",
        },
        {
            content: "It is active again",
            trigger: ".o_client_center_notice:contains('active again')",
            isCheck: true,
        },
    ],
});
