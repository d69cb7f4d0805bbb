/** @odoo-module **/

import { registry } from "@web/core/registry";

const ROW = '.o_data_row:contains("Tour Reject Client")';

registry.category("web_tour.tours").add("sale_partial_payment_reject_tour", {
    test: true,
    url: "/web#action=sale_partial_payment.sale_order_action_desk",
    steps: () => [
        {
            content: "The open partial order is listed with its status",
            trigger: `${ROW} td[name="sale_status"]:contains("Open")`,
            isCheck: true,
        },
        {
            content: "Reject it from the list",
            trigger: `${ROW} button[name="action_partial_reject"]`,
        },
        {
            content: "Say why",
            trigger: 'div[name="reason"] input',
            run: "text The client cancelled the program",
            // the wizard opens after a server round trip (slow on a loaded machine)
            timeout: 30000,
        },
        {
            content: "Refund what was paid",
            trigger: 'div[name="refund"] input',
        },
        {
            content: "The refund amount defaults to what was paid online",
            trigger: 'div[name="refund_amount"] input:propValue("100.00")',
            isCheck: true,
        },
        {
            content: "Reject",
            trigger: 'button[name="action_apply"]:contains("Reject")',
        },
        {
            content: "The order is refunded",
            trigger: `${ROW} td[name="sale_status"]:contains("Refund")`,
            extra_trigger: "body:not(:has(.modal))",
            timeout: 30000,
            isCheck: true,
        },
        {
            content: "Open its payments",
            trigger: `${ROW} td[name="name"]`,
        },
        {
            content: "The drill-down lists the payment and its refund",
            trigger: '.o_data_row td[name="kind"]:contains("Refund")',
            extra_trigger: '.o_data_row td[name="kind"]:contains("Online")',
            timeout: 30000,
            isCheck: true,
        },
    ],
});
