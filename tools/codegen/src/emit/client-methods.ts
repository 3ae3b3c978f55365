import type { MethodDeclarationStructure, OptionalKind, Project } from 'ts-morph'
import type { SpecIR } from '../ir.ts'
import type { Json } from '../load-spec.ts'
import { docText, printFile } from './source-file.ts'

/** A summary as a sentence, so that what follows it in the same paragraph does not run into it. */
const sentence = (text: string) => (/[.!?。]$/.test(text.trimEnd()) ? text.trimEnd() : `${text.trimEnd()}.`)

// JSON for a doc comment, with every star-slash escaped: one inside a string would end the comment.
const docJson = (value: Json) => JSON.stringify(value).replace(/\*\//g, '*\\/')

/** A paginator's example: the action's request example without its offset field, which the paginator moves. */
function pageExample(action: string, offsetField: string, requestExample: Json | undefined): string {
  if (!requestExample || typeof requestExample !== 'object' || Array.isArray(requestExample)) return ''
  const { [offsetField]: _offset, ...input } = requestExample
  return `\n@example\nfor await (const item of client.paginate${action}(${docJson(input)})) console.log(item)`
}

/** One typed method per action (and a paginate method per paginated action) over the client's runtime. */
export function emitClientMethods(project: Project, ir: SpecIR): string {
  const file = project.createSourceFile('methods.gen.ts', '', { overwrite: true })
  const className = `${ir.service.name[0]!.toUpperCase()}${ir.service.name.slice(1)}ClientMethods`
  const models = new Set<string>()
  for (const a of ir.actions) {
    models.add(a.requestSchema).add(a.responseSchema)
    if (a.pagination) models.add(a.pagination.itemSchema)
  }
  file.addImportDeclaration({
    isTypeOnly: true,
    moduleSpecifier: '@crs-kit/core',
    namedImports: ['ActionName', 'ActionTypes', 'PaginatedActionName', ...[...models].sort()],
  })
  file.addImportDeclaration({
    isTypeOnly: true,
    moduleSpecifier: '../call-options.ts',
    namedImports: ['CallOptions'],
  })
  file.addImportDeclaration({
    isTypeOnly: true,
    moduleSpecifier: '../page-item.ts',
    namedImports: ['PageItem'],
  })
  const cls = file.addClass({
    isExported: true,
    isAbstract: true,
    name: className,
    docs: [`The generated surface of the ${ir.service.name} client: one method per action of the spec.`],
  })
  cls.addMethod({
    scope: 'protected' as never,
    isAbstract: true,
    name: 'send',
    typeParameters: [{ name: 'A', constraint: 'ActionName' }],
    parameters: [
      { name: 'action', type: 'A' },
      { name: 'input', type: "ActionTypes[A]['request']" },
      { name: 'options', type: 'CallOptions', hasQuestionToken: true },
    ],
    returnType: "Promise<ActionTypes[A]['response']>",
  })
  cls.addMethod({
    scope: 'protected' as never,
    isAbstract: true,
    name: 'paginate',
    typeParameters: [{ name: 'A', constraint: 'PaginatedActionName' }],
    parameters: [
      { name: 'action', type: 'A' },
      { name: 'input', type: "ActionTypes[A]['request']" },
      { name: 'options', type: 'CallOptions', hasQuestionToken: true },
    ],
    returnType: 'AsyncIterableIterator<PageItem<A>>',
  })
  // One batch insertion: ts-morph re-parses the file on every insertion, so a call per method grows quadratically.
  cls.addMethods(
    ir.actions.flatMap((a) => {
      const example = a.requestExample
        ? `\n@example\nawait client.${a.method}(${docJson(a.requestExample)})`
        : ''
      const methods: OptionalKind<MethodDeclarationStructure>[] = [
        {
          name: a.method,
          docs: [
            `${docText(`${sentence(a.summary)}${a.idempotent ? '' : ' Not idempotent: never retried once the request may have reached the service.'}`, a.descriptionJa)}${example}`,
          ],
          parameters: [
            { name: 'input', type: a.requestSchema },
            { name: 'options', type: 'CallOptions', hasQuestionToken: true },
          ],
          returnType: `Promise<${a.responseSchema}>`,
          statements: `return this.send('${a.name}', input, options)`,
        },
      ]
      if (a.pagination) {
        methods.push({
          name: `paginate${a.name}`,
          docs: [
            `Every ${a.pagination.itemSchema} of ${a.name} across pages (${a.pagination.limit}/${a.pagination.offset} up to ${a.pagination.total}), from the input's ${a.pagination.offset} (default 0).${pageExample(a.name, a.pagination.offset, a.requestExample)}`,
          ],
          parameters: [
            { name: 'input', type: a.requestSchema },
            { name: 'options', type: 'CallOptions', hasQuestionToken: true },
          ],
          returnType: `AsyncIterableIterator<${a.pagination.itemSchema}>`,
          statements: `return this.paginate('${a.name}', input, options)`,
        })
      }
      return methods
    }),
  )
  return printFile(file, ir.specName)
}
