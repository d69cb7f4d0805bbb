/** @odoo-module **/

import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("expert_base_product_change_request", {
    test: true,
    steps: () => [
        {
            content: "The expert's product is the platform's: ask for a change",
            trigger: ".o_form_view button:contains('Request a Change')",
        },
        {
            content: "Add what should change",
            trigger: ".o_field_x2many_list_row_add a",
        },
        {
            content: "The price",
            trigger: ".o_data_row .o_field_widget[name='field_name'] select",
            run: "text Sales Price",
        },
        {
            content: "The current price is shown",
            trigger: ".o_data_row .o_field_widget[name='current_value']:contains('100')",
            run: () => {},
        },
        {
            content: "The wanted price",
            trigger: ".o_data_row .o_field_widget[name='new_value'] input",
            run: "text 120",
        },
        {
            content: "Why",
            trigger: ".o_field_widget[name='reason'] textarea",
            run: "text I now give six sessions.",
        },
        {
            content: "Send",
            trigger: "button[name='action_send_request']",
        },
        {
            content: "The platform has it",
            trigger: ".o_notification:contains('sent to the platform')",
            isCheck: true,
        },
    ],
});
