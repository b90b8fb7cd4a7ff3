import { expect, type Locator, type Page, test } from '@playwright/test';
import { createApp, openQuestion, signUp } from './builder-helpers.ts';

/** The Blueprint tab's card of the entity called `name`. */
function entityNamed(page: Page, name: string) {
  return page
    .getByTestId('blueprint-entity')
    .filter({ has: page.getByTestId('blueprint-entity-name').getByText(name, { exact: true }) });
}

function fieldNamed(entity: Locator, name: string) {
  return entity
    .getByTestId('blueprint-field')
    .filter({ has: entity.page().getByTestId('blueprint-field-name').getByText(name, { exact: true }) });
}

test('blueprint: the design from the request, renamed inline, kept on reload and live in another tab', async ({
  page,
  context,
}) => {
  await signUp(page);
  await createApp(
    page,
    'Our makerspace lends tools to members. Each tool has a name, a category and a condition.',
  );
  // While a question waits, the Blueprint tab is the right pane's default and is editable.
  await expect(openQuestion(page)).toHaveCount(1, { timeout: 20_000 });
  await expect(page.getByRole('tab', { name: 'Blueprint' })).toHaveAttribute('aria-selected', 'true');
  const blueprint = page.getByTestId('blueprint');
  await expect(blueprint).toHaveAttribute('data-editable', 'true');

  // The entity the request named, with its fields in the person's words, typed, and sourced.
  const tool = entityNamed(page, 'Tool');
  await expect(tool).toHaveCount(1);
  for (const name of ['Name', 'Category', 'Condition']) await expect(fieldNamed(tool, name)).toHaveCount(1);
  await expect(fieldNamed(tool, 'Condition').getByTestId('blueprint-source')).toContainText(
    'from your request',
  );
  await expect(fieldNamed(tool, 'Condition').getByTestId('blueprint-field-type')).toBeVisible();

  // A second tab, narrow as a phone, watching the same job.
  const other = await context.newPage();
  await other.setViewportSize({ width: 390, height: 844 });
  await other.goto(page.url());
  await other.getByTestId('pane-work').click();
  const otherTool = entityNamed(other, 'Tool');
  await expect(fieldNamed(otherTool, 'Condition')).toHaveCount(1);

  // A duplicate name is refused next to the field; Esc puts the old name back.
  await fieldNamed(tool, 'Category').getByTestId('blueprint-field-name').click();
  const categoryInput = tool.getByTestId('blueprint-field-name-input');
  await categoryInput.fill('name');
  await categoryInput.press('Enter');
  await expect(tool.getByTestId('blueprint-problem')).toContainText('two fields called');
  await categoryInput.press('Escape');
  await expect(fieldNamed(tool, 'Category')).toHaveCount(1);

  // Rename by keyboard: focus the name, Enter opens it, type, Enter saves.
  await fieldNamed(tool, 'Condition').getByTestId('blueprint-field-name').focus();
  await page.keyboard.press('Enter');
  const input = tool.getByTestId('blueprint-field-name-input');
  await expect(input).toBeFocused();
  await input.fill('State');
  await input.press('Enter');
  await expect(fieldNamed(tool, 'State')).toHaveCount(1);
  await expect(fieldNamed(tool, 'Condition')).toHaveCount(0);
  await expect(fieldNamed(tool, 'State').getByTestId('blueprint-source')).toContainText('your edit');

  // Add a field: its name opens for typing; then give it a type.
  await tool.getByTestId('blueprint-add-field').click();
  const added = tool.getByTestId('blueprint-field-name-input');
  await expect(added).toBeFocused();
  await added.fill('Due Date');
  await added.press('Enter');
  await fieldNamed(tool, 'Due Date').getByTestId('blueprint-field-type').selectOption('date');
  await expect(fieldNamed(tool, 'Due Date').getByTestId('blueprint-field-type')).toHaveValue('date');

  // The other tab sees it live; the question stays open.
  await expect(fieldNamed(otherTool, 'State')).toHaveCount(1);
  await expect(fieldNamed(otherTool, 'Due Date').getByTestId('blueprint-field-type')).toHaveValue('date');
  await expect(openQuestion(page)).toHaveCount(1);

  // The ledger records the edit.
  await page.getByRole('tab', { name: 'Ledger' }).click();
  await expect(
    page.getByTestId('ledger-fact').filter({ hasText: 'Renamed field Condition to State on Tool' }),
  ).toContainText('edited by you');

  // A reload shows the edited blueprint.
  await page.reload();
  await expect(page.getByRole('tab', { name: 'Blueprint' })).toHaveAttribute('aria-selected', 'true');
  await expect(fieldNamed(tool, 'State')).toHaveCount(1);
  await expect(fieldNamed(tool, 'Condition')).toHaveCount(0);
  await other.close();
});
