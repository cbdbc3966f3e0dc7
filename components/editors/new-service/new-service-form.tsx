"use client";
// "New service" in one form: the service and what homey's conventions attach to it, each
// section prefilled from the others and skippable, judged while typing by the checker and
// on submit by the same schemas the server action runs (lib/model/schemas/new-service.ts).
// Fields stay ordinary uncontrolled inputs; a suggestion is written into a field only
// until the admin types in it.
import { startTransition, useActionState, useEffect, useMemo, useRef, useState } from "react";
import type { CheckDraft, Viewer } from "@/lib/checks";
import type { ActionResult } from "@/lib/errors/action-result";
import { suggestions } from "@/lib/model/new-service-prefill";
import { MONITOR_TYPES, SERVICE_KINDS, VHOST_AUTH } from "@/lib/model/schemas/choices";
import { nextFreePriority, planConflicts, typedConflicts, RULE_RANGES, sectionField, type FieldErrors, type NewServiceSection } from "@/lib/model/schemas/new-service-rules";
import { FieldFindingsContext, FindingLines } from "@/components/checks/field-findings";
import { formStrings } from "@/components/checks/read-form";
import { CheckboxField, SelectField, TextAreaField, TextField } from "@/components/forms/fields";
import { FieldErrorsContext } from "@/components/forms/form-context";
import { FormMessage } from "@/components/forms/form-message";
import { useLazy } from "@/components/forms/use-lazy";
import { FIELD_LABELS } from "./field-labels";
import { FormSection } from "./form-section";
import type { NewServiceFindings } from "./live-draft";
import { RulesPreview } from "./rules-preview";

export interface NewServiceCheck {
  draft: CheckDraft;
  viewer: Viewer;
}

const KIND_LABELS: Record<(typeof SERVICE_KINDS)[number], string> = {
  container: "Container (Podman, oci-containers)",
  native: "Native NixOS service",
  "external-flake": "External flake (wrapped module)",
};

// The schemas (zod) and the checker load after first paint (components/forms/use-lazy.ts):
// until they arrive the form has no live findings and a submit is judged by the server alone.
const loadJudge = () =>
  Promise.all([import("./live-draft"), import("@/lib/model/schemas/new-service")]).then(([live, plan]) => ({
    newServiceFindings: live.newServiceFindings,
    planNewService: plan.planNewService,
  }));

const DEBOUNCE_MS = 150;
const EMPTY: NewServiceFindings = { byField: {}, other: [] };
const ALL_ON: Record<NewServiceSection, boolean> = { vhost: true, rules: true, monitor: true, backup: true };

function focusFirst(form: HTMLFormElement, errors: FieldErrors) {
  for (const el of Array.from(form.elements)) {
    if ((el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement) && errors[el.name]) {
      el.focus();
      return;
    }
  }
}

function focusField(form: HTMLFormElement | null, name: string) {
  const el = form?.elements.namedItem(name);
  if (el instanceof HTMLElement) el.focus();
}

export function NewServiceForm({ action, check }: { action: (previous: ActionResult, formData: FormData) => Promise<ActionResult>; check: NewServiceCheck }) {
  const formRef = useRef<HTMLFormElement>(null);
  const judgeWith = useLazy(loadJudge);
  const touched = useRef(new Set<string>(["name"]));
  const [state, formAction, pending] = useActionState(action, { ok: false });
  const [sections, setSections] = useState(ALL_ON);
  const [values, setValues] = useState<Record<string, string>>({});
  const [findings, setFindings] = useState<NewServiceFindings>(EMPTY);
  const [localErrors, setLocalErrors] = useState<FieldErrors | null>(null);
  const { draft, viewer } = check;
  const used = useMemo(() => draft.accessRules.map((r) => r.priority), [draft]);
  const names = useMemo(
    () => ({ services: draft.services.map((s) => s.name), subdomains: draft.virtualHosts.map((v) => v.subdomain), monitors: draft.monitors.map((m) => m.name), backupPaths: draft.backupPaths }),
    [draft],
  );
  // A taken name is said while typing; the rest when the form is sent.
  const submitted = localErrors ?? state.fieldErrors ?? {};
  const errors = { ...typedConflicts(values, names), ...submitted };
  const shown: ActionResult = localErrors ? { ok: false, message: "Some fields need attention; nothing was saved." } : state;

  // Prefill, then judge: on every keystroke in the form, and once at the start.
  useEffect(() => {
    const form = formRef.current;
    if (!form) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const judge = () => {
      const now = formStrings(form);
      setValues(now);
      if (judgeWith) setFindings(judgeWith.newServiceFindings(draft, viewer, now, (name) => form.elements.namedItem(name) !== null));
    };
    const onInput = (event: Event) => {
      const target = event.target;
      if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) {
        // A field the admin typed in keeps its value; emptied, it follows again.
        if (target.type !== "checkbox") {
          if (target.value.trim() === "") touched.current.delete(target.name);
          else touched.current.add(target.name);
        }
        if (target.name === "rules.access") touched.current.delete("rules.priority");
      }
      for (const [name, value] of Object.entries(suggestions(formStrings(form), touched.current, used))) {
        const el = form.elements.namedItem(name);
        if ((el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) && el.value !== value) el.value = value;
      }
      setValues(formStrings(form));
      clearTimeout(timer);
      timer = setTimeout(judge, DEBOUNCE_MS);
    };
    judge();
    form.addEventListener("input", onInput);
    form.addEventListener("change", onInput);
    return () => {
      clearTimeout(timer);
      form.removeEventListener("input", onInput);
      form.removeEventListener("change", onInput);
    };
  }, [draft, viewer, used, judgeWith]);

  // Sections toggled: the checker's draft changes with them.
  useEffect(() => {
    const form = formRef.current;
    if (!form) return;
    const now = formStrings(form);
    setValues(now);
    if (judgeWith) setFindings(judgeWith.newServiceFindings(draft, viewer, now, (name) => form.elements.namedItem(name) !== null));
  }, [sections, draft, viewer, judgeWith]);

  // A refusal from the server: the first field it names gets the focus.
  useEffect(() => {
    if (state.fieldErrors && formRef.current) focusFirst(formRef.current, state.fieldErrors);
  }, [state]);

  const toggle = (section: NewServiceSection) => (on: boolean) =>
    setSections((s) => ({ ...s, [section]: on, ...(section === "vhost" && !on ? { rules: false } : {}) }));

  const summary = Object.entries(submitted).filter(([, messages]) => messages && messages.length > 0);
  const domain = draft.domain;
  const subdomain = values["vhost.subdomain"] ?? "";
  const host = subdomain.trim() ? (subdomain.trim() === "@" ? domain : `${subdomain.trim().toLowerCase()}.${domain}`) : `<subdomain>.${domain}`;
  const firstAdminPriority = nextFreePriority(used, "admins");
  const access = values["rules.access"] === "open" ? "open" : "admins";

  return (
    <form
      ref={formRef}
      action={formAction}
      noValidate
      aria-busy={pending}
      onSubmit={(event) => {
        // Dispatched by hand so a refused save keeps everything typed (a form action resets the form).
        event.preventDefault();
        const form = event.currentTarget;
        const data = formStrings(form);
        const planned = judgeWith?.planNewService(data, { adminGroup: draft.adminGroup, usedPriorities: used });
        const found = !planned ? {} : planned.ok ? planConflicts(planned.plan, names) : planned.fieldErrors;
        if (Object.keys(found).length > 0) {
          setLocalErrors(found);
          focusFirst(form, found);
          return;
        }
        setLocalErrors(null);
        const formData = new FormData(form);
        startTransition(() => formAction(formData));
      }}
      className="max-w-2xl space-y-6"
      data-testid="new-service-form"
    >
      <FieldFindingsContext.Provider value={findings.byField}>
        <FieldErrorsContext.Provider value={errors}>
          <FormSection title="Service" on>
            <div className="grid gap-5 sm:grid-cols-2">
              <TextField name="name" label="Name" defaultValue="" hint="Slug used in Nix and links, e.g. paperless. Fills the fields below." />
              <TextField name="title" label="Title" defaultValue="" hint="How people call it, e.g. Paperless." />
            </div>
            <TextAreaField name="description" label="Description" defaultValue="" rows={2} />
            <div className="grid gap-5 sm:grid-cols-2">
              <SelectField name="kind" label="Kind" defaultValue="container" options={SERVICE_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))} />
              <TextField name="stateDir" label="State directory" defaultValue="" hint="Where it keeps its data, e.g. /var/lib/paperless. Empty if none." />
            </div>
            <TextField
              name="unitName"
              label="systemd unit"
              defaultValue=""
              hint="The unit whose state is its live state. Empty: <name>.service, or podman-<name>.service for a container."
            />
            {/* No "protected" here: protection comes from configuration and the seed (lib/model/protected.ts), never from a form. */}
            <CheckboxField name="enabled" label="Enabled" defaultChecked hint="A disabled service stays in the draft, switched off." />
          </FormSection>

          <FormSection
            title="Virtual host"
            toggle={{ name: sectionField("vhost"), label: "Create a virtual host" }}
            on={sections.vhost}
            onToggle={toggle("vhost")}
            skipped="no vhost; Caddy does not serve it (and no access rules are written)."
          >
            <TextField name="vhost.subdomain" label="Subdomain" defaultValue="" hint={`Served at https://${host}. One DNS label, or @ for the bare domain.`} />
            <div className="grid gap-5 sm:grid-cols-2">
              <TextField name="vhost.upstreamHost" label="Upstream host" defaultValue="127.0.0.1" />
              <TextField name="vhost.upstreamPort" label="Upstream port" inputMode="numeric" defaultValue="" hint="The port it listens on, 1–65535." />
            </div>
            <SelectField
              name="vhost.auth"
              label="Sign-in"
              defaultValue="authelia"
              options={VHOST_AUTH.map((a) => ({ value: a, label: a === "authelia" ? "Authelia (forward_auth)" : "None (the app signs in itself)" }))}
            />
          </FormSection>

          <FormSection
            title="Access rules"
            toggle={{ name: sectionField("rules"), label: "Create access rules" }}
            on={sections.rules}
            onToggle={toggle("rules")}
            toggleDisabled={!sections.vhost}
            skipped={sections.vhost ? "no rules; Authelia's default policy decides for this host." : "access rules are written for the virtual host: create that first."}
          >
            <div className="grid gap-5 sm:grid-cols-2">
              <SelectField
                name="rules.access"
                label="Who may reach it"
                defaultValue="admins"
                options={[
                  { value: "admins", label: "Admins, two factors" },
                  { value: "open", label: "Anyone signed in" },
                ]}
              />
              <TextField
                name="rules.priority"
                label="Priority"
                inputMode="numeric"
                defaultValue={firstAdminPriority === null ? "" : String(firstAdminPriority)}
                hint={`The next free one in homey's range ${RULE_RANGES[access].first}–${RULE_RANGES[access].last}${access === "admins" ? " (a two_factor + deny pair)" : " (one_factor)"}; lower is checked first.`}
              />
            </div>
            <RulesPreview access={values["rules.access"] ?? "admins"} priority={values["rules.priority"] ?? ""} subdomain={subdomain} domain={domain} adminGroup={draft.adminGroup} />
          </FormSection>

          <FormSection title="Monitor" toggle={{ name: sectionField("monitor"), label: "Create a monitor" }} on={sections.monitor} onToggle={toggle("monitor")} skipped="Uptime Kuma does not watch it.">
            <div className="grid gap-5 sm:grid-cols-2">
              <TextField name="monitor.name" label="Monitor name" defaultValue="" hint="Shown on the status page." />
              <SelectField
                name="monitor.type"
                label="Type"
                defaultValue="http"
                options={MONITOR_TYPES.map((t) => ({ value: t, label: t === "http" ? "http — answers 2xx" : "keyword — page contains a word" }))}
              />
            </div>
            <TextField name="monitor.target" label="Target" defaultValue="" hint={`Subdomain and path (${subdomain.trim() || "paperless"}/ → https://${host}/) or a full URL. Behind Authelia it watches the upstream: through the proxy it would see the login page.`} />
            {values["monitor.type"] === "keyword" && (
              <TextField name="monitor.keyword" label="Keyword" defaultValue="" hint="The text the page must contain." />
            )}
            <div className="grid gap-5 sm:grid-cols-2">
              <TextField name="monitor.interval" label="Interval (seconds)" inputMode="numeric" defaultValue="60" hint="At least 20." />
              <TextField name="monitor.maxretries" label="Max retries" inputMode="numeric" defaultValue="1" hint="Failed checks before it reports down: 0–10." />
            </div>
          </FormSection>

          <FormSection title="Backup" toggle={{ name: sectionField("backup"), label: "Back up its state" }} on={sections.backup} onToggle={toggle("backup")} skipped="Restic does not back up its state.">
            <TextField name="backup.path" label="Backup path" defaultValue="" hint="Included in the daily Restic backup; follows the state directory." />
          </FormSection>
        </FieldErrorsContext.Provider>
      </FieldFindingsContext.Provider>

      {findings.other.length > 0 && (
        <div aria-live="polite" data-testid="form-findings" className="rounded-md border border-amber-300 bg-amber-50 p-3 dark:border-amber-800 dark:bg-amber-950">
          <p className="text-sm font-semibold">What the checks say about this draft</p>
          <FindingLines findings={findings.other} />
        </div>
      )}
      <FormMessage result={shown} />
      {summary.length > 0 && (
        <ul className="space-y-1 text-sm" data-testid="error-summary" aria-label="Fields that need attention">
          {summary.map(([name, messages]) => (
            <li key={name}>
              <button type="button" onClick={() => focusField(formRef.current, name)} className="min-h-11 text-left text-red-700 underline dark:text-red-400">
                {FIELD_LABELS[name] ?? name}: {messages!.join(" ")}
              </button>
            </li>
          ))}
        </ul>
      )}
      <button
        type="submit"
        disabled={pending}
        aria-describedby="create-what"
        className="min-h-11 rounded-md bg-slate-900 px-5 py-2 font-semibold text-white disabled:opacity-60 dark:bg-sky-500 dark:text-slate-950"
      >
        {pending ? "Creating…" : "Create service"}
      </button>
      <p id="create-what" className="text-sm text-slate-600 dark:text-slate-400">
        Everything ticked is created together, as one change in the draft; nothing is saved if any part needs attention.
      </p>
    </form>
  );
}
