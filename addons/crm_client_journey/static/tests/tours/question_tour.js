/** @odoo-module **/

import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("crm_client_journey_question", {
    test: true,
    steps: () => [
        {
            content: "The expert of the product page is chosen",
            trigger: "select#question_expert:has(option:selected:contains('Expert A'))",
            run: () => {},
        },
        {
            content: "Name",
            trigger: "input[name='contact_name']",
            run: "text Tour Visitor",
        },
        {
            content: "Email",
            trigger: "input[name='email_from']",
            run: "text tour.visitor@example.com",
        },
        {
            content: "Subject",
            trigger: "input[name='name']",
            run: "text Online sessions?",
        },
        {
            content: "Question",
            trigger: "textarea[name='description']",
            run: "text Do you work with students online?",
        },
        {
            content: "Send",
            trigger: ".s_website_form_send",
        },
        {
            content: "Thanks",
            trigger: "h1:contains('Thank You')",
            isCheck: true,
        },
    ],
});
