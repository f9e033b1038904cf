//! The first step of a staff import: what the file should hold, and the upload.

use super::UploadStaff;
use crate::error::AppError;
use crate::ui::components::{ErrorSummary, url_error};
use crate::ui::pages::with_user;
use leptos::prelude::*;
use leptos_meta::Title;
use server_fn::ServerFn;

#[component]
pub fn ImportStartPage() -> impl IntoView {
    view! {
        <Title text="Import staff" />
        {with_user(move |_| {
            let error = url_error::<AppError>(UploadStaff::PATH);
            let has_error = error.is_some();
            view! {
                <nav class="breadcrumbs" aria-label="Breadcrumbs">
                    <a href="/people">"People"</a>
                </nav>
                <h1>"Import staff"</h1>
                <p class="lead">
                    "Upload the staff list your HR or MIS system exports as CSV. You will see every change before anything happens, and nothing changes until you apply it."
                </p>
                {error.map(|error| view! { <ErrorSummary error /> })}
                <section aria-labelledby="what-heading" class="panel">
                    <h2 id="what-heading">"What the file needs"</h2>
                    <p>
                        "One row per member of staff, with a row of headings first. Waymark recognises the usual headings and you can say which column is which on the next page."
                    </p>
                    <ul>
                        <li>
                            "Their e-mail address, and their full name (or first and last names)"
                        </li>
                        <li>
                            "The academy they work at, by name or short name, or “Central trust team”"
                        </li>
                        <li>
                            "Their job title and role category (Leading, Delivering, Enabling or Supporting Education)"
                        </li>
                        <li>
                            "If you have them: employee number, line manager’s e-mail address or employee number, and leaving date"
                        </li>
                    </ul>
                    <p>
                        "People are matched on employee number first, then e-mail address, so importing the same file twice changes nothing the second time. Nobody is ever deleted: anyone missing from the file is only offered to you as a leaver."
                    </p>
                </section>
                <form
                    method="post"
                    action=UploadStaff::PATH
                    enctype="multipart/form-data"
                    class="form panel"
                >
                    <div class="field" class=("field--error", has_error)>
                        <label class="field__label" for="file">
                            "Staff file"
                        </label>
                        <p class="field__hint" id="file-hint">
                            "A .csv file of up to 10 MB and 25,000 rows: UTF-8 or Windows text, separated by commas or semicolons."
                        </p>
                        <input
                            class="input"
                            type="file"
                            id="file"
                            name="file"
                            accept=".csv,.txt,text/csv"
                            aria-describedby="file-hint"
                            aria-invalid=has_error.then_some("true")
                        />
                    </div>
                    <button type="submit" class="button">
                        "Upload and preview"
                    </button>
                </form>
            }
        })}
    }
}
