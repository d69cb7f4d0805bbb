/** @odoo-module **/

import { registry } from "@web/core/registry";

const ROW = '.o_data_row:contains("Tour Check Client")';

registry.category("web_tour.tours").add("sale_attribution_check_tour", {
    test: true,
    url: "/web#action=sale_partial_payment.sale_order_action_desk",
    steps: () => [
        {
            content: "The plan's sales manager is shown in red (not checked yet)",
            trigger: `${ROW} td[name="sale_attribution_label"].text-danger:contains("Sam Sales")`,
            isCheck: true,
        },
        {
            content: "Check the sale",
            trigger: `${ROW} button[name="action_sale_check"]`,
        },
        {
            content: "Sales by user is preselected with the plan's manager",
            trigger: 'div[name="user_id"] input:propValue("Sam Sales")',
            // the dialog opens after a server round trip (slow on a loaded machine)
            timeout: 30000,
            isCheck: true,
        },
        {
            content: "Sales by user is the chosen attribution",
            trigger: "div[name='attribution'] .o_radio_input[data-value='user']:checked",
            isCheck: true,
        },
        {
            content: "Another sales manager made it",
            trigger: 'div[name="user_id"] input',
            run: "text Zoe",
        },
        {
            content: "Pick Zoe",
            trigger: '.ui-autocomplete a:contains("Zoe Sales")',
        },
        {
            content: "Confirm",
            trigger: 'button[name="action_confirm"]',
        },
        {
            content: "The name turns green",
            trigger: `${ROW} td[name="sale_attribution_label"].text-success:contains("Zoe Sales")`,
            extra_trigger: "body:not(:has(.modal))",
            timeout: 30000,
            isCheck: true,
        },
    ],
});
